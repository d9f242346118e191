import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, format, parseISO } from 'date-fns'
import { moscowDate } from '@shared/domain/moscow-time'
import { shiftPeriod } from '@shared/domain/period'
import { fileRequest } from '../../../scripts/portal/simulator'
import { switchDueOwners } from '../../../src-central/accounts/owner-switches'
import { inTransaction } from '../../../src-central/auth/consoles'
import { sampleJpeg } from '../../../scripts/portal/sample-documents'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { connectAsWebsite, resetCentral, useCentralService } from '../../support/central-service'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { buildTestApp, settle, TEST_CLOCK_START, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * Closure and re-registration requests carried to the end through the service on real PostgreSQL
 * (docs/business-rules.md#closure-and-re-registration-requests): the documents fetched on demand and
 * cached, the checklist, completion changing exactly what it should once even when pushed twice, the
 * owner history, two consoles completing at once, scans refused by size and type, a subscriber's new
 * document waking a request, and the decision as a PDF whose Russian text can be read back.
 */
describe('completing closure and re-registration requests, centrally', () => {
  let link: CuttableLink
  let first: TestApp
  let second: TestApp
  let clerk: { login: string; token: string }
  let otherClerk: { login: string; token: string }
  // The consoles' day: the completion date is judged against the day the clerk made the command.
  let today: string

  const fileOnWebsite = async (kind: 'closure' | 'reRegistration', accountNumber: string) => {
    const website = await connectAsWebsite(central)
    try {
      const id = await fileRequest(website.client, {
        kind,
        accountNumber,
        applicant: { surname: 'Петров', firstName: 'Пётр' },
        email: 'petrov@mail.ru',
        newOwner: { surname: 'Сидорова', firstName: 'Анна' },
        effectiveOn: today,
      })
      await fileAtConsoleTime('portal_requests', id)
      return id
    } finally {
      await website.end()
    }
  }
  // The website files at the moment the consoles' pinned clock shows, not at the database's real
  // time: a request filed "in December" with readings taken "in November" would have none final.
  const fileAtConsoleTime = async (table: 'portal_requests', id: number) => {
    await central.pool.query(`UPDATE ${table} SET submitted_at = $2 WHERE id = $1`, [id, first.clock.now()])
    await central.pool.query(
      `UPDATE portal_request_steps SET at = $2 WHERE request_id = $1 AND from_state IS NULL`,
      [id, first.clock.now()],
    )
  }
  const approve = async (app: TestApp, token: string, requestId: number) => {
    await app.call('requests.open', { requestId }, token)
    await app.call('requests.step', { requestId, to: 'in_review' }, token)
    await app.call('requests.step', { requestId, to: 'approved' }, token)
  }
  const one = async (sql: string, params: unknown[]) => (await central.pool.query(sql, params)).rows

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, number: '40000001', houseType: 'private', email: 'old@mail.ru' }),
      anAccount({ id: 2, number: '40000002', email: 'old2@mail.ru' }),
      anAccount({ id: 3, number: '40000003' }),
      anAccount({ id: 4, number: '40000004', surname: 'Степанов', email: 'old4@mail.ru' }),
    ])
    await insertCentralMeters(central.pool, [
      aMeter({ id: 11, accountId: 1, serial: 'ХВ-11' }),
      aMeter({ id: 12, accountId: 1, serial: 'ГВ-12', place: 'ванная' }),
      aMeter({ id: 31, accountId: 3, serial: 'ХВ-31' }),
    ])
    // A charge of two months before the consoles' day: inside the copy window on any pinned date.
    const chargedPeriod = shiftPeriod(moscowDate(new Date(TEST_CLOCK_START)).slice(0, 7), -2)
    await central.pool.query(
      `INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES (1, $1, 'water', 123456)`,
      [chargedPeriod],
    )
    await central.pool.query(
      `INSERT INTO cabinets (account_id, email, state) VALUES (1, 'old@mail.ru', 'active'), (2, 'old2@mail.ru', 'active'),
      (4, 'old4@mail.ru', 'active')`,
    )
    // The first console reaches the service through a link the test can cut (an outage).
    link = await cuttableLink(central.serviceUrl)
    first = await buildTestApp({ central: { service: central, serviceUrl: link.url } })
    second = await buildTestApp({ central: { service: central } })
    clerk = await first.staffMember('clerk')
    const other = await first.staffMember('clerk')
    await settle(first, second)
    otherClerk = {
      login: other.login,
      token: (await second.call('auth.signIn', { login: other.login, password: TEST_PASSWORD })).token,
    }
    today = moscowDate(first.clock.now())
    await settle(first, second)
  })
  afterAll(async () => {
    await first.dispose()
    await second.dispose()
    await link.close()
  })

  it('closes the account, removes its meters, revokes its cabinet and writes once, even when pushed twice', async () => {
    const requestId = await fileOnWebsite('closure', '40000001')
    await settle(first)
    const opened = await first.call('requests.open', { requestId }, clerk.token)
    expect(opened.documents.map((d) => [d.fileName, d.mediaType, d.source])).toEqual([
      ['договор купли-продажи.pdf', 'application/pdf', 'subscriber'],
      ['паспорт.jpg', 'image/jpeg', 'subscriber'],
    ])
    expect(opened.balanceKopecks).toBe(-123456)

    // The document's bytes come from the service once, then from the console's own cache.
    const pdf = await first.call('requests.document', { documentId: opened.documents[0]!.id }, clerk.token)
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    // Cached on the console encrypted: the scan's bytes are nowhere in the local database file's table.
    const sealed = first.app.local.sql
      .prepare(`SELECT content FROM document_cache WHERE document_id = ?`)
      .pluck()
      .get(opened.documents[0]!.id) as Buffer
    expect(sealed.length).toBeGreaterThan(28)
    expect(sealed.includes(Buffer.from('%PDF-'))).toBe(false)
    link.cut()
    const again = await first.call('requests.document', { documentId: opened.documents[0]!.id }, clerk.token)
    expect(again.content).toBe(pdf.content)
    expect(
      (await first.refused('requests.document', { documentId: opened.documents[1]!.id }, clerk.token)).code,
    ).toBe('DOCUMENT_UNAVAILABLE')
    link.restore()

    await first.call(
      'requests.checklist',
      {
        requestId,
        checks: [
          { document: 'applicantPassport', verdict: 'valid' },
          { document: 'rightEnded', verdict: 'valid' },
          { document: 'finalReadings', verdict: 'valid' },
        ],
      },
      clerk.token,
    )
    expect(
      (await one(`SELECT checklist FROM portal_requests WHERE id = $1`, [requestId]))[0].checklist,
    ).toHaveLength(3)
    await approve(first, clerk.token, requestId)

    // Not before every active meter has its final reading.
    expect((await first.refused('requests.complete', { requestId, on: today }, clerk.token)).code).toBe(
      'FINAL_READINGS_MISSING',
    )
    await first.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: today,
        source: 'paper',
        values: [
          { meterId: 11, value: '120', confirmed: [] },
          { meterId: 12, value: '45,5', confirmed: [] },
        ],
      },
      clerk.token,
    )
    expect(await first.call('requests.complete', { requestId, on: today }, clerk.token)).toEqual({
      state: 'applied',
    })

    expect(await one(`SELECT status, closed_on::text FROM accounts WHERE id = 1`, [])).toEqual([
      { status: 'closed', closed_on: today },
    ])
    expect(await one(`SELECT id, status FROM meters WHERE account_id = 1 ORDER BY id`, [])).toEqual([
      { id: 11, status: 'removed' },
      { id: 12, status: 'removed' },
    ])
    expect(await one(`SELECT state FROM cabinets WHERE account_id = 1`, [])).toEqual([{ state: 'revoked' }])
    expect(await one(`SELECT state FROM cabinets WHERE account_id = 2`, [])).toEqual([{ state: 'active' }])
    const letters = await one(`SELECT to_address, template, body FROM outgoing_mail WHERE account_id = 1`, [])
    expect(letters.map((l) => [l.to_address, l.template])).toEqual([['petrov@mail.ru', 'accountClosed']])
    expect(letters[0].body).toMatch(/задолженность 1\s234,56 руб\./)
    expect(letters[0].body).toContain('ЕИРЦ')
    const centralSteps = await one(
      `SELECT to_state, staff_login FROM portal_request_steps WHERE request_id = $1 ORDER BY id`,
      [requestId],
    )
    expect(centralSteps.at(-1)).toEqual({ to_state: 'completed', staff_login: clerk.login })

    // The same command delivered again (a crash after the service's commit): one effect, same answer.
    const db = first.app.local.sql
    db.prepare(`UPDATE outbox SET state = 'pending' WHERE command = 'requests.complete'`).run()
    await settle(first)
    expect(db.prepare(`SELECT state FROM outbox WHERE command = 'requests.complete'`).pluck().get()).toBe(
      'applied',
    )
    expect(await one(`SELECT count(*)::int AS n FROM outgoing_mail WHERE account_id = 1`, [])).toEqual([
      { n: 1 },
    ])
    expect(
      await one(
        `SELECT count(*)::int AS n FROM portal_request_steps WHERE request_id = $1 AND to_state = 'completed'`,
        [requestId],
      ),
    ).toEqual([{ n: 1 }])

    // The console shows the account closed and the cabinet revoked.
    const card = await first.call('accounts.card', { accountId: 1 }, clerk.token)
    expect(card.account.status).toBe('closed')
    expect(card.cabinet?.state).toBe('revoked')
    const ofAccount = await first.call('requests.ofAccount', { accountNumber: '40000001' }, clerk.token)
    expect(ofAccount.items.map((r) => [r.id, r.state])).toEqual([[requestId, 'completed']])

    // The decision: a PDF with the utility's header whose Russian text reads back, kept with the request.
    const decision = await first.call('requests.decision', { requestId }, clerk.token)
    const dir = mkdtempSync(join(tmpdir(), 'decision-'))
    writeFileSync(join(dir, 'decision.pdf'), Buffer.from(decision.content, 'base64'))
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'decision.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('ГУП «Водоканал» г. Севастополя')
    expect(text).toContain('Уведомление о закрытии лицевого счёта')
    expect(text).toMatch(/задолженность 1\s234,56/)
    await settle(first)
    const kept = await one(
      `SELECT source, media_type FROM portal_request_attachments WHERE request_id = $1 AND source = 'decision'`,
      [requestId],
    )
    expect(kept).toEqual([{ source: 'decision', media_type: 'application/pdf' }])
  })

  it('passes an account to its new owner, keeping the previous one in the history', async () => {
    const requestId = await fileOnWebsite('reRegistration', '40000002')
    await settle(first)
    await approve(first, clerk.token, requestId)
    expect(
      (
        await first.refused(
          'requests.complete',
          { requestId, on: today, newOwner: { surname: 'Сидорова1', firstName: 'Анна' } },
          clerk.token,
        )
      ).code,
    ).toBe('NEW_OWNER_NAME')
    await first.call(
      'requests.complete',
      {
        requestId,
        on: today,
        newOwner: {
          surname: 'сидорова',
          firstName: 'анна',
          patronymic: 'сергеевна',
          phone: '+7 978 692-00-34',
          email: 'Sidorova@mail.ru',
        },
      },
      clerk.token,
    )
    // The audit states the change as saved, field by field, on the console and in the central trail.
    const owner = {
      surname: 'Сидорова',
      firstName: 'Анна',
      patronymic: 'Сергеевна',
      phone: '+7 978 692-00-34',
      email: 'sidorova@mail.ru',
      from: today,
    }
    const audited = first.app.local.sql
      .prepare(`SELECT after_json FROM audit_log WHERE command = 'requests.complete' AND entity = 'account'`)
      .pluck()
      .all()
      .map((json) => JSON.parse(json as string) as unknown)
    expect(audited.at(-1)).toEqual(owner)
    await settle(first)
    const central_ = await one(
      `SELECT c->'after' AS after FROM central_audit, jsonb_array_elements(detail::jsonb->'changes') AS c
      WHERE detail::jsonb->>'command' = 'requests.complete' AND c->>'entity' = 'account'`,
      [],
    )
    expect(central_.at(-1)).toEqual({ after: owner })
    expect(
      await one(`SELECT number, surname, first_name, email, status FROM accounts WHERE id = 2`, []),
    ).toEqual([
      {
        number: '40000002',
        surname: 'Сидорова',
        first_name: 'Анна',
        email: 'sidorova@mail.ru',
        status: 'active',
      },
    ])
    const owners = await one(
      `SELECT surname, owned_from::text, owned_until::text, request_id FROM account_owners WHERE account_id = 2 ORDER BY id`,
      [],
    )
    expect(owners).toEqual([
      { surname: 'Иванов', owned_from: '2015-01-01', owned_until: expect.any(String), request_id: null },
      { surname: 'Сидорова', owned_from: today, owned_until: null, request_id: requestId },
    ])
    expect(await one(`SELECT state FROM cabinets WHERE account_id = 2`, [])).toEqual([{ state: 'revoked' }])
    expect(await one(`SELECT to_address, template FROM outgoing_mail WHERE account_id = 2`, [])).toEqual([
      { to_address: 'sidorova@mail.ru', template: 'accountReRegistered' },
    ])
    await settle(first)
    expect(
      first.app.local.sql.prepare(`SELECT count(*) FROM account_owners WHERE account_id = 2`).pluck().get(),
    ).toBe(2)
  })

  it('passes an account to its new owner on the date of effect, not when the request is completed', async () => {
    const requestId = await fileOnWebsite('reRegistration', '40000004')
    await settle(first)
    await approve(first, clerk.token, requestId)
    const day = (days: number) => format(addDays(parseISO(today), days), 'yyyy-MM-dd')
    await first.call(
      'requests.complete',
      {
        requestId,
        on: day(8),
        newOwner: {
          surname: 'Кравченко-Белая',
          firstName: 'Мария',
          patronymic: 'Олеговна',
          phone: '+7 978 692-00-34',
          email: 'kravchenko@mail.ru',
        },
      },
      clerk.token,
    )
    const localOwner = () =>
      first.app.local.sql.prepare(`SELECT surname, email FROM accounts WHERE id = 4`).get()
    expect(localOwner()).toEqual({ surname: 'Степанов', email: 'old4@mail.ru' })
    await settle(first)
    // Until the date the account is the current owner's: name, contacts (a password reset still
    // matches his surname) and cabinet; the history already knows who comes next, and from when.
    expect(await one(`SELECT surname, email FROM accounts WHERE id = 4`, [])).toEqual([
      { surname: 'Степанов', email: 'old4@mail.ru' },
    ])
    expect(await one(`SELECT state FROM cabinets WHERE account_id = 4`, [])).toEqual([{ state: 'active' }])
    expect(
      await one(
        `SELECT surname, owned_from::text, owned_until::text, switched_at IS NOT NULL AS switched
        FROM account_owners WHERE account_id = 4 ORDER BY id`,
        [],
      ),
    ).toEqual([
      { surname: 'Степанов', owned_from: expect.any(String), owned_until: day(7), switched: true },
      { surname: 'Кравченко-Белая', owned_from: day(8), owned_until: null, switched: false },
    ])

    // The service's daily switch: nothing the day before; on the day, once, whoever runs it again.
    const run = (on: string) => inTransaction(central.pool, (client) => switchDueOwners(client, on))
    expect(await run(day(7))).toBe(0)
    expect(await run(day(8))).toBe(1)
    expect(await run(day(9))).toBe(0)
    expect(await one(`SELECT surname, first_name, email FROM accounts WHERE id = 4`, [])).toEqual([
      { surname: 'Кравченко-Белая', first_name: 'Мария', email: 'kravchenko@mail.ru' },
    ])
    expect(await one(`SELECT state FROM cabinets WHERE account_id = 4`, [])).toEqual([{ state: 'revoked' }])
    expect(
      await one(
        `SELECT detail::jsonb->'owner'->>'surname' AS surname, detail::jsonb->>'from' AS "from"
        FROM central_audit WHERE action = 'account.ownerSwitched' AND detail::jsonb->>'accountNumber' = '40000004'`,
        [],
      ),
    ).toEqual([{ surname: 'Кравченко-Белая', from: day(8) }])
    // A name a clerk corrects afterwards is never switched back.
    await central.pool.query(`UPDATE accounts SET patronymic = 'Олеговна (испр.)' WHERE id = 4`)
    expect(await run(day(10))).toBe(0)
    await settle(first)
    expect(localOwner()).toEqual({ surname: 'Кравченко-Белая', email: 'kravchenko@mail.ru' })
  })

  it('lets one of two consoles complete; the other hears who did it', async () => {
    const requestId = await fileOnWebsite('closure', '40000003')
    await settle(first, second)
    await approve(first, clerk.token, requestId)
    await first.call('requests.close', { requestId }, clerk.token)
    await settle(first, second)
    await first.call(
      'readings.record',
      {
        accountNumber: '40000003',
        receivedOn: today,
        source: 'paper',
        values: [{ meterId: 31, value: '10', confirmed: [] }],
      },
      clerk.token,
    )
    await settle(first, second)
    // Both consoles see it approved and complete it; the central database takes the first.
    const [a, b] = await Promise.allSettled([
      first.call('requests.complete', { requestId, on: today }, clerk.token),
      second.call('requests.complete', { requestId, on: today }, otherClerk.token),
    ])
    const refusals = [a, b].flatMap((r) =>
      r.status === 'rejected'
        ? [(r.reason as { contract: { code: string; params: { by?: string } } }).contract]
        : [],
    )
    expect([a, b].filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    // The loser is told who completed it (the winner's name), never left guessing.
    expect(refusals).toHaveLength(1)
    expect(['REQUEST_ALREADY_MOVED', 'ACCOUNT_ALREADY_CLOSED']).toContain(refusals[0]!.code)
    if (refusals[0]!.code === 'REQUEST_ALREADY_MOVED')
      expect(refusals[0]!.params.by).toMatch(/^Сотрудник clerk/)
    expect(
      await one(
        `SELECT count(*)::int AS n FROM portal_request_steps WHERE request_id = $1 AND to_state = 'completed'`,
        [requestId],
      ),
    ).toEqual([{ n: 1 }])
  })

  it('refuses a scan over 20 MiB or of another type, on the console and centrally, and registers a counter request with its scans', async () => {
    const applicant = { surname: 'Кузнецова', firstName: 'Ольга' }
    const base = {
      kind: 'reRegistration' as const,
      accountNumber: '40000002',
      applicant,
      newOwner: { surname: 'Орлов', firstName: 'Олег' },
      effectiveOn: today,
    }
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0)
    Buffer.from([0xff, 0xd8, 0xff]).copy(big)
    expect(
      await first.refused(
        'requests.register',
        { ...base, documents: [{ fileName: 'паспорт.jpg', content: big.toString('base64') }] },
        clerk.token,
      ),
    ).toMatchObject({ code: 'SCAN_TOO_LARGE', params: { file: 'паспорт.jpg' } })
    expect(
      await first.refused(
        'requests.register',
        {
          ...base,
          documents: [{ fileName: 'договор.pdf', content: Buffer.from('MZ not a pdf').toString('base64') }],
        },
        clerk.token,
      ),
    ).toMatchObject({ code: 'SCAN_WRONG_TYPE', params: { file: 'договор.pdf' } })

    const jpeg = sampleJpeg(120, 160).toString('base64')
    expect(
      await first.call(
        'requests.register',
        { ...base, documents: [{ fileName: 'паспорт нового владельца.jpg', content: jpeg }] },
        clerk.token,
      ),
    ).toEqual({ state: 'applied' })
    const [filed] = await one(
      `SELECT r.id, r.channel, r.state, a.media_type, a.source, a.added_by, s.staff_login
      FROM portal_requests r JOIN portal_request_attachments a ON a.request_id = r.id
      JOIN portal_request_steps s ON s.request_id = r.id WHERE r.applicant_surname = 'Кузнецова'`,
      [],
    )
    expect(filed).toMatchObject({
      channel: 'office',
      state: 'new',
      media_type: 'image/jpeg',
      source: 'office',
      added_by: clerk.login,
      staff_login: clerk.login,
    })

    // The website's own check stops an oversized file at the database.
    const website = await connectAsWebsite(central)
    await expect(
      asSubscriberOf(
        website.client,
        filed.id,
        `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
        VALUES ($1, 'big.pdf', 'application/pdf', $2, $3)`,
        [filed.id, big.length, big],
      ),
    ).rejects.toThrow(/size_bytes/)
    await website.end()
  })

  it('wakes a request awaiting documents when the subscriber adds one', async () => {
    const requestId = await fileOnWebsite('closure', '40000003')
    await settle(first)
    await first.call('requests.open', { requestId }, clerk.token)
    await first.call('requests.step', { requestId, to: 'in_review' }, clerk.token)
    await first.call(
      'requests.step',
      { requestId, to: 'awaiting_documents', reason: 'Нет выписки', missing: ['rightEnded'] },
      clerk.token,
    )
    expect((await first.call('requests.open', { requestId }, clerk.token)).due).toBe('paused')
    const website = await connectAsWebsite(central)
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n')
    await asSubscriberOf(
      website.client,
      requestId,
      `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
      VALUES ($1, 'выписка.pdf', 'application/pdf', $2, $3)`,
      [requestId, pdf.length, pdf],
    )
    await website.end()
    await settle(first)
    const woken = await first.call('requests.open', { requestId }, clerk.token)
    expect(woken.state).toBe('in_review')
    expect(woken.due).not.toBe('paused')
    expect(woken.steps.at(-1)).toMatchObject({ state: 'in_review', by: null })
    expect(woken.steps.at(-1)!.reason).toContain('выписка.pdf')
    expect(woken.documents.map((d) => d.fileName)).toContain('выписка.pdf')
  })
})

/**
 * One statement as the website, serving the subscriber whose request it is (docs/portal-contract.md:
 * a file goes only into the named subscriber's own request).
 */
async function asSubscriberOf(
  website: pg.Client,
  requestId: number | string,
  sql: string,
  params: unknown[],
) {
  const { rows } = await central.pool.query<{ account_number: string }>(
    `SELECT account_number FROM portal_requests WHERE id = $1`,
    [requestId],
  )
  await website.query('BEGIN')
  try {
    await website.query(`SELECT set_config('vodokanal.account', $1, true)`, [rows[0]!.account_number])
    const result = await website.query(sql, params)
    await website.query('COMMIT')
    return result
  } catch (error) {
    await website.query('ROLLBACK')
    throw error
  }
}
