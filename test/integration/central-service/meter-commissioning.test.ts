import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addYears, format, parseISO } from 'date-fns'
import { moscowDate } from '@shared/domain/moscow-time'
import { shiftPeriod } from '@shared/domain/period'
import { aMeter, anAccount } from '../../support/account-builder'
import {
  insertCentralAccounts,
  insertCentralMeters,
  insertCentralReadings,
} from '../../support/central-database'
import {
  connectAsWebsite,
  ownCentralClient,
  resetCentral,
  useCentralService,
} from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { buildTestApp, settle, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * A new meter put into service, from the website's row to the card, on real PostgreSQL
 * (docs/business-rules.md#a-new-meter-put-into-service): the website's fields checked by the database,
 * the queue and the request's detail on the console, an inspector sent with a letter and its own clock,
 * completion refused until the replaced meter's final reading is in, then the meter replaced removed and
 * the new one active with the fields as the clerk corrected them, the letter and the decision, and the
 * new meter's first reading compared with its initial reading, never with the old meter's.
 */
describe('a meter put into service, centrally', () => {
  let app: TestApp
  let clerk: { login: string; token: string }
  let today: string
  let period: string

  const fields = (over: Record<string, unknown> = {}) => ({
    reason: 'replacement',
    replacedSerial: 'ХВ-11',
    newSerial: 'ХВ-2025-777',
    model: 'СВК-15',
    place: 'кухня',
    verifiedOn: shiftDay(today, -20),
    nextVerificationOn: format(addYears(parseISO(today), 6), 'yyyy-MM-dd'),
    sealNumber: 'П-004512',
    initialReading: '3,5',
    ...over,
  })
  const shiftDay = (date: string, days: number) =>
    format(new Date(parseISO(date).getTime() + days * 86_400_000), 'yyyy-MM-dd')

  /** The website files it as the contract says: the signed-in subscriber's own account, in one transaction. */
  const fileOnWebsite = async (details: unknown) => {
    const website = await connectAsWebsite(central)
    try {
      await website.client.query('BEGIN')
      await website.client.query(`SELECT set_config('vodokanal.account', '40000001', true)`)
      const { rows } = await website.client.query<{ id: string }>(
        `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, email, details)
        VALUES ('meterCommissioning', '40000001', 'Орлова', 'Нина', 'orlova@mail.ru', $1) RETURNING id`,
        [JSON.stringify(details)],
      )
      await website.client.query('COMMIT')
      const id = Number(rows[0]!.id)
      await central.pool.query(`UPDATE portal_requests SET submitted_at = $2 WHERE id = $1`, [
        id,
        app.clock.now(),
      ])
      return id
    } catch (error) {
      await website.client.query('ROLLBACK')
      throw error
    } finally {
      await website.end()
    }
  }
  const rows = async (sql: string, params: unknown[] = []) => (await central.pool.query(sql, params)).rows

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, number: '40000001', email: 'owner@mail.ru' }),
    ])
    await insertCentralMeters(central.pool, [
      aMeter({ id: 11, accountId: 1, serial: 'ХВ-11', verificationDue: '2025-06-01' }),
      aMeter({ id: 12, accountId: 1, serial: 'ГВ-12', place: 'ванная' }),
    ])
    app = await buildTestApp({ central: { service: central } })
    today = moscowDate(app.clock.now())
    period = today.slice(0, 7)
    // The old meter stood at 512 m³: the new one starts from 3,5.
    await insertCentralReadings(central.pool, 11, {
      [shiftPeriod(period, -2)]: 500,
      [shiftPeriod(period, -1)]: 512,
    })
    clerk = await app.staffMember('clerk')
    await settle(app)
  })
  afterAll(async () => {
    await app.dispose()
  })

  it('is refused by the database when the website writes fields the kind does not allow', async () => {
    for (const bad of [
      {},
      fields({ nextVerificationOn: shiftDay(today, -30) }),
      fields({ verifiedOn: '2026-02-30' }),
      fields({ initialReading: 'двенадцать' }),
      fields({ sealNumber: ' ' }),
    ])
      await expect(fileOnWebsite(bad)).rejects.toMatchObject({
        code: '23514',
        constraint: 'portal_requests_kind_check',
      })
  })

  it('goes from the website through the queue, an inspector and completion to the card, the letter and the decision', async () => {
    const requestId = await fileOnWebsite(fields())
    await settle(app)
    const queue = await app.call('requests.queue', {}, clerk.token)
    expect(queue.items.map((item) => [item.id, item.kind, item.state])).toContainEqual([
      requestId,
      'meterCommissioning',
      'new',
    ])
    const opened = await app.call('requests.open', { requestId }, clerk.token)
    expect(opened.details).toMatchObject({ replacedSerial: 'ХВ-11', newSerial: 'ХВ-2025-777' })
    // Only the meter replaced needs a final reading, and it has none from the week of the request.
    expect(opened.finalReadings.map((meter) => [meter.serial, meter.valueMilli])).toEqual([['ХВ-11', null]])

    await app.call('requests.step', { requestId, to: 'in_review' }, clerk.token)
    // An inspector is sent with a note of what to check and when: without one, refused.
    expect((await app.refused('requests.step', { requestId, to: 'awaiting_visit' }, clerk.token)).code).toBe(
      'REASON_REQUIRED',
    )
    await app.call(
      'requests.step',
      { requestId, to: 'awaiting_visit', reason: 'Опломбировать счётчик, визит 10.12 с 9 до 13' },
      clerk.token,
    )
    const visiting = await app.call('requests.detail', { requestId }, clerk.token)
    expect(visiting.state).toBe('awaiting_visit')
    expect(visiting.visitDueOn).not.toBeNull()
    expect(visiting.visitDueOn! > today).toBe(true)
    expect(
      (await rows(`SELECT template, body FROM outgoing_mail WHERE to_address = 'orlova@mail.ru'`)).map(
        (letter) => [letter.template, (letter.body as string).includes('визит 10.12')],
      ),
    ).toEqual([['inspectorVisit', true]])
    await app.call('requests.step', { requestId, to: 'approved' }, clerk.token)

    // The inspector sealed it with another seal: the clerk corrects it at completion.
    const completion = { requestId, on: today, details: fields({ sealNumber: 'П-004599' }) }
    expect((await app.refused('requests.complete', completion, clerk.token)).code).toBe(
      'FINAL_READINGS_MISSING',
    )
    expect(
      (
        await app.refused(
          'requests.complete',
          { ...completion, details: fields({ replacedSerial: 'ХВ-99' }) },
          clerk.token,
        )
      ).code,
    ).toBe('METER_NOT_ON_ACCOUNT')
    expect(
      (
        await app.refused(
          'requests.complete',
          { ...completion, details: fields({ newSerial: 'ГВ-12' }) },
          clerk.token,
        )
      ).code,
    ).toBe('METER_ALREADY_ACTIVE')
    await app.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: today,
        source: 'paper',
        values: [{ meterId: 11, value: '515', confirmed: [] }],
      },
      clerk.token,
    )
    expect(await app.call('requests.complete', completion, clerk.token)).toEqual({ state: 'applied' })

    expect(await rows(`SELECT id, status, removed_on::text FROM meters WHERE serial = 'ХВ-11'`)).toEqual([
      { id: 11, status: 'removed', removed_on: today },
    ])
    expect(
      await rows(`SELECT status, installed_on::text, verification_due::text, model, seal_number,
        initial_value_milli::int FROM meters WHERE serial = 'ХВ-2025-777'`),
    ).toEqual([
      {
        status: 'active',
        installed_on: today,
        verification_due: completion.details.nextVerificationOn,
        model: 'СВК-15',
        seal_number: 'П-004599',
        initial_value_milli: 3500,
      },
    ])
    expect(
      (await rows(`SELECT details FROM portal_requests WHERE id = $1`, [requestId]))[0].details,
    ).toMatchObject({
      sealNumber: 'П-004599',
    })
    const letter = await rows(
      `SELECT template, body FROM outgoing_mail WHERE to_address = 'orlova@mail.ru' AND template = 'requestCompleted'`,
    )
    expect(letter).toHaveLength(1)
    expect(letter[0].body).toContain('пломба № П-004599, начальные показания 3,500 м³')
    expect(letter[0].body).toContain('Прибор учёта № ХВ-11 снят с учёта')

    // The console's card: the old meter removed, the new one active (numbered by the central database).
    await settle(app)
    const card = await app.call('accounts.card', { accountId: 1 }, clerk.token)
    expect(card.meters.map((meter) => [meter.serial, meter.status])).toEqual(
      expect.arrayContaining([
        ['ХВ-11', 'removed'],
        ['ХВ-2025-777', 'active'],
        ['ГВ-12', 'active'],
      ]),
    )
    const newMeter = card.meters.find((meter) => meter.serial === 'ХВ-2025-777')!

    // Its first reading counts from 3,5 m³, not from the old meter's 515: 9 is 5,5 m³ used, not a decrease.
    const next = today
    expect(
      (
        await app.refused(
          'readings.record',
          {
            accountNumber: '40000001',
            receivedOn: next,
            source: 'paper',
            values: [{ meterId: newMeter.id, value: '2', confirmed: [] }],
          },
          clerk.token,
        )
      ).params,
    ).toMatchObject({ code: 'lowerThanPrevious' })
    const recorded = await app.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: next,
        source: 'paper',
        values: [{ meterId: newMeter.id, value: '9', confirmed: [] }],
      },
      clerk.token,
    )
    expect(recorded).toBeTruthy()

    // The decision: the utility's letter naming both meters.
    const decision = await app.call('requests.decision', { requestId }, clerk.token)
    const dir = mkdtempSync(join(tmpdir(), 'decision-'))
    writeFileSync(join(dir, 'decision.pdf'), Buffer.from(decision.content, 'base64'))
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'decision.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('Уведомление о вводе прибора учёта в эксплуатацию')
    expect(text).toContain('ХВ-2025-777')
    expect(text).toMatch(/пломба\s+№\s+П-004599/)
  })

  it('comes in from the counter with the same checks, and the central service checks the fields again', async () => {
    expect(
      (
        await app.refused(
          'requests.register',
          {
            kind: 'meterCommissioning',
            accountNumber: '40000001',
            applicant: { surname: 'Орлова', firstName: 'Нина' },
            details: fields({ replacedSerial: 'ГВ-12', initialReading: '1,23456' }),
            documents: [],
          },
          clerk.token,
        )
      ).code,
    ).toBe('INVALID_INPUT')
    await app.call(
      'requests.register',
      {
        kind: 'meterCommissioning',
        accountNumber: '40000001',
        applicant: { surname: 'Орлова', firstName: 'Нина' },
        details: fields({
          reason: 'verification',
          replacedSerial: 'ГВ-12',
          newSerial: 'ГВ-12',
          place: 'ванная',
        }),
        documents: [],
      },
      clerk.token,
    )
    await settle(app)
    expect(
      await rows(
        `SELECT channel, details->>'reason' AS reason FROM portal_requests WHERE details->>'replacedSerial' = 'ГВ-12'`,
      ),
    ).toEqual([{ channel: 'office', reason: 'verification' }])
  })

  it('is refused by the central service too when a console skips the final reading', async () => {
    const requestId = await fileOnWebsite(
      fields({ reason: 'verification', replacedSerial: 'ГВ-12', newSerial: 'ГВ-12', place: 'ванная' }),
    )
    await central.pool.query(`UPDATE portal_requests SET state = 'approved' WHERE id = $1`, [requestId])
    const client = ownCentralClient(app, { url: central.serviceUrl, caPem: central.caPem })
    try {
      const command = await pushedCommand(app.app, {
        name: 'requests.complete',
        payload: {
          requestId,
          on: today,
          newOwner: null,
          details: fields({
            reason: 'verification',
            replacedSerial: 'ГВ-12',
            newSerial: 'ГВ-12',
            place: 'ванная',
          }),
        },
        author: clerk.login,
        madeAt: app.clock.now(),
        signedBy: { login: clerk.login },
      })
      expect((await client.push([command])).outcomes[0]).toMatchObject({
        outcome: 'refused',
        detail: { code: 'FINAL_READINGS_MISSING', meters: 'ГВ-12' },
      })
    } finally {
      client.close()
    }
    expect(await rows(`SELECT status FROM meters WHERE serial = 'ГВ-12'`)).toEqual([{ status: 'active' }])
  })
})
