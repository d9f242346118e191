import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { connectAsWebsite, resetCentral, useCentralService } from '../../support/central-service'

const central = useCentralService()

/**
 * The website's database role as the utility would grant it (docs/portal-contract.md): a login user
 * in `vodokanal_website`, and nothing else. Each test is one transaction that is rolled back.
 */
describe('the website’s role: the contract’s writes and reads, and nothing more', () => {
  let website: pg.Client
  let end: () => Promise<void>

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, number: '40000001', surname: 'Ковалёва' }),
      anAccount({ id: 2, number: '40000002', surname: 'Петренко' }),
    ])
    await insertCentralMeters(central.pool, [
      aMeter({ id: 11, accountId: 1, serial: 'СВ-11' }),
      aMeter({ id: 21, accountId: 2, serial: 'СВ-21' }),
    ])
    ;({ client: website, end } = await connectAsWebsite(central))
  })
  afterAll(async () => {
    await end?.()
  })
  beforeEach(async () => {
    await central.pool.query(`DELETE FROM portal_readings`)
    await central.pool.query(`DELETE FROM change_log`)
  })

  /** One statement as the website, in its own transaction, serving subscriber `account` if given. */
  async function asWebsite<R extends pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    account?: string,
  ) {
    await website.query('BEGIN')
    try {
      if (account) await website.query(`SELECT set_config('vodokanal.account', $1, true)`, [account])
      const result = await website.query<R>(sql, params)
      await website.query('COMMIT')
      return result
    } catch (error) {
      await website.query('ROLLBACK')
      throw error
    }
  }

  it.each([
    [
      `INSERT INTO change_log (table_name, op, row_data) VALUES ('staff', 'I', '{"login":"fake","role":"supervisor"}')`,
    ],
    [
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ('fake', 'Подделка', 'supervisor', 'x')`,
    ],
    [`UPDATE accounts SET phone = '+7 000 000-00-00'`],
    [`INSERT INTO outgoing_mail (to_address, template, subject, body) VALUES ('a@b.ru', 't', 's', 'b')`],
    [
      `INSERT INTO claims (entity_key, staff_login, full_name, console_id, expires_at)
      VALUES ('x', 'chief', 'Ч', gen_random_uuid(), now())`,
    ],
    [
      `INSERT INTO central_audit (seq, at, action, detail, prev_hash, hash) VALUES (1, now(), 'x', '{}', '', '')`,
    ],
    [`SELECT password_hash FROM staff`],
    [`SELECT password_hash FROM portal_registrations`],
    [`SELECT * FROM change_log`],
    [`UPDATE portal_registrations SET state = 'activated'`],
    [`UPDATE cabinets SET state = 'active'`],
    [
      `INSERT INTO portal_readings (account_number, meter_serial, value_text, state) VALUES ('40000001', 'СВ-11', '1', 'accepted')`,
    ],
    [`ALTER TABLE portal_readings DISABLE TRIGGER USER`],
  ])('is refused: %s', async (sql) => {
    await expect(asWebsite(sql)).rejects.toMatchObject({ code: '42501' })
  })

  it('writes every row the contract lists, and each still reaches the change feed', async () => {
    const reading = await asWebsite<{ id: string }>(
      `INSERT INTO portal_readings (account_number, meter_serial, value_text) VALUES ('40000001', 'СВ-11', '105,25')
      RETURNING id`,
    )
    expect(reading.rows).toHaveLength(1)
    await asWebsite(
      `INSERT INTO portal_registrations (account_number, surname, email, password_hash)
      VALUES ('40000001', 'Ковалёва', 'kovaleva@example.ru', 'argon2id$…') RETURNING id`,
    )
    // A question without an account: the website still learns its number in the same transaction.
    const question = await asWebsite<{ id: string }>(
      `INSERT INTO portal_questions (surname, first_name, email, subject, message)
      VALUES ('Ковалёва', 'Анна', 'kovaleva@example.ru', 'Начисление', 'Почему так много?') RETURNING id`,
    )
    expect(question.rows).toHaveLength(1)
    await website.query('BEGIN')
    await website.query(`SELECT set_config('vodokanal.account', '40000001', true)`)
    const request = await website.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name)
      VALUES ('closure', '40000001', 'Ковалёва', 'Анна') RETURNING id`,
    )
    await website.query(
      `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
      VALUES ($1, 'заявление.pdf', 'application/pdf', 4, '\\x25504446')`,
      [request.rows[0]!.id],
    )
    await website.query('COMMIT')

    const { rows } = await central.pool.query<{ table_name: string }>(
      `SELECT table_name FROM change_log ORDER BY txid, id`,
    )
    expect(rows.map((r) => r.table_name)).toEqual([
      'portal_readings',
      'portal_registrations',
      'portal_questions',
      // The question's arrival step, written by the database itself.
      'portal_question_steps',
      'portal_requests',
      // Its arrival, the first step of its history (written by the service's trigger).
      'portal_request_steps',
      // The attachment's line, without its bytes (consoles fetch those when a clerk opens it).
      'portal_request_attachments',
    ])
  })

  it('reads back only the subscriber it names, and only the listed columns', async () => {
    await central.pool.query(
      `INSERT INTO portal_readings (account_number, meter_serial, value_text) VALUES
      ('40000001', 'СВ-11', '1'), ('40000002', 'СВ-21', '2')`,
    )
    const own = await asWebsite<{ account_number: string }>(
      `SELECT account_number, state FROM portal_readings`,
      [],
      '40000001',
    )
    expect(own.rows.map((r) => r.account_number)).toEqual(['40000001'])
    expect((await asWebsite(`SELECT id FROM portal_readings`)).rows).toEqual([])
    const meters = await asWebsite<{ serial: string }>(`SELECT serial FROM meters`, [], '40000002')
    expect(meters.rows.map((r) => r.serial)).toEqual(['СВ-21'])
    const accounts = await asWebsite<{ number: string }>(
      `SELECT number, surname FROM accounts`,
      [],
      '40000002',
    )
    expect(accounts.rows).toEqual([{ number: '40000002', surname: 'Петренко' }])
    await expect(asWebsite(`SELECT phone FROM accounts`, [], '40000002')).rejects.toMatchObject({
      code: '42501',
    })
  })

  it('reads a private house’s charges and payments for the subscriber it names, and cannot write them', async () => {
    await central.pool.query(
      `INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES
      (1, '2026-10', 'water', 51200), (2, '2026-10', 'water', 9900)`,
    )
    await central.pool.query(
      `INSERT INTO payments (billing_id, account_id, paid_on, amount_kopecks, channel) VALUES
      ('П-1', 1, '2026-11-05', 51200, 'РНКБ'), ('П-2', 2, '2026-11-06', 9900, 'РНКБ')`,
    )
    const charges = await asWebsite(`SELECT period, service, amount_kopecks FROM charges`, [], '40000001')
    expect(charges.rows).toEqual([{ period: '2026-10', service: 'water', amount_kopecks: 51200 }])
    const payments = await asWebsite(`SELECT paid_on, amount_kopecks, channel FROM payments`, [], '40000002')
    expect(payments.rows).toEqual([{ paid_on: '2026-11-06', amount_kopecks: 9900, channel: 'РНКБ' }])
    await expect(asWebsite(`SELECT billing_id FROM payments`, [], '40000001')).rejects.toMatchObject({
      code: '42501',
    })
    await expect(asWebsite(`UPDATE charges SET amount_kopecks = 0`, [], '40000001')).rejects.toMatchObject({
      code: '42501',
    })
  })

  it('may read exactly the columns the contract’s table "What the website reads" lists', async () => {
    const contract = readFileSync(resolve('docs/portal-contract.md'), 'utf8')
    const section = contract.slice(contract.indexOf('## What the website reads'))
    const documented = [
      ...section.slice(0, section.indexOf('\n## ', 3)).matchAll(/^\| `(\w+)` +\| ([^|]+)\|/gm),
    ].flatMap((m) => [...m[2]!.matchAll(/`(\w+)`/g)].map((c) => `${m[1]}.${c[1]}`))
    const { rows } = await central.pool.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.column_privileges
      WHERE grantee = 'vodokanal_website' AND privilege_type = 'SELECT'`,
    )
    const granted = rows.map((r) => r.name)
    // A column the table lists with its values (`state` (`pending`, …)) names values, not columns.
    expect(documented.filter((name) => !granted.includes(name))).toEqual(
      documented.filter((name) => /\.(pending|confirmed|active|rejected|revoked|water|sewerage)$/.test(name)),
    )
    expect(granted.filter((name) => !documented.includes(name)).sort()).toEqual(
      // Documented in their own sections: the reset requests, read back by `id`; and the 2.5 names.
      rows
        .map((r) => r.name)
        .filter((name) => name.startsWith('portal_password_resets.') || name.startsWith('portal_feedback'))
        .sort(),
    )
  })

  describe('the 2.5 names for questions, kept until 2027-06-30', () => {
    const asNow = (name: string) =>
      name
        .replace('portal_feedback_messages', 'portal_question_messages')
        .replace('portal_feedback', 'portal_questions')
        .replace('feedback_id', 'question_id')

    it('grant the website exactly what the new tables do', async () => {
      const { rows } = await central.pool.query<{ name: string }>(
        `SELECT table_name || '.' || column_name || ':' || privilege_type AS name
        FROM information_schema.column_privileges WHERE grantee = 'vodokanal_website'
        AND table_name IN ('portal_feedback', 'portal_feedback_messages', 'portal_questions', 'portal_question_messages')`,
      )
      const old = rows.map((r) => r.name).filter((name) => name.startsWith('portal_feedback'))
      const now = rows.map((r) => r.name).filter((name) => !name.startsWith('portal_feedback'))
      expect(old.length).toBeGreaterThan(10)
      expect(old.map(asNow).sort()).toEqual(now.sort())
    })

    it('take a question and a reply into the new tables, under the website’s own row policies', async () => {
      const asked = await asWebsite<{ id: string }>(
        `INSERT INTO portal_feedback (surname, first_name, email, account_number, subject, message)
        VALUES ('Ковалёва', 'Анна', 'kovaleva@example.ru', '40000001', 'Начисление', 'Почему так много?')
        RETURNING id`,
        [],
        '40000001',
      )
      const id = asked.rows[0]!.id
      const stored = await central.pool.query(
        `SELECT state, channel, submitted_at IS NOT NULL AS dated FROM portal_questions WHERE id = $1`,
        [id],
      )
      // The table's own defaults and triggers ran: a new web question, dated by the database.
      expect(stored.rows).toEqual([{ state: 'new', channel: 'web', dated: true }])
      await central.pool.query(`UPDATE portal_questions SET state = 'waiting' WHERE id = $1`, [id])
      await asWebsite(
        `INSERT INTO portal_feedback_messages (feedback_id, body) VALUES ($1, 'Вот показания')`,
        [id],
        '40000001',
      )
      expect(
        (await central.pool.query(`SELECT state FROM portal_questions WHERE id = $1`, [id])).rows,
      ).toEqual([{ state: 'new' }])
      // Another subscriber can neither read the question nor write into it through the old names.
      const seen = await asWebsite(`SELECT id FROM portal_feedback WHERE id = $1`, [id], '40000002')
      expect(seen.rows).toEqual([])
      await expect(
        asWebsite(
          `INSERT INTO portal_feedback_messages (feedback_id, body) VALUES ($1, 'чужое')`,
          [id],
          '40000002',
        ),
      ).rejects.toMatchObject({ code: '42501' })
      const mine = await asWebsite<{ feedback_id: string; kind: string }>(
        `SELECT feedback_id, kind FROM portal_feedback_messages WHERE feedback_id = $1`,
        [id],
        '40000001',
      )
      expect(mine.rows).toEqual([{ feedback_id: id, kind: 'reply' }])
    })
  })

  it('files a request only for the subscriber the transaction names', async () => {
    const file = (account: string, named?: string) =>
      asWebsite(
        `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name)
        VALUES ('closure', $1, 'Петренко', 'Олег') RETURNING id`,
        [account],
        named,
      )
    await expect(file('40000002', '40000001')).rejects.toMatchObject({ code: '42501' })
    await expect(file('40000002')).rejects.toMatchObject({ code: '42501' })
    expect((await file('40000002', '40000002')).rows).toHaveLength(1)
  })

  it('stores what it writes in Unicode NFC: a decomposed "ё" is the "ё" staff type', async () => {
    const decomposed = 'Ковале\u0308ва'.normalize('NFD')
    expect(decomposed).not.toBe('Ковалёва')
    const { rows } = await asWebsite<{ id: string }>(
      `INSERT INTO portal_questions (surname, first_name, email, subject, message)
      VALUES ($1, 'Анна', 'k@example.ru', $2, $3) RETURNING id`,
      [decomposed, 'Е\u0308мкость', 'Вода'.normalize('NFD')],
    )
    const stored = await central.pool.query(`SELECT surname, subject FROM portal_questions WHERE id = $1`, [
      rows[0]!.id,
    ])
    expect(stored.rows).toEqual([{ surname: 'Ковалёва', subject: 'Ёмкость' }])
    const request = await asWebsite<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name)
      VALUES ('closure', '40000001', $1, 'Анна') RETURNING id`,
      [decomposed],
      '40000001',
    )
    const filed = await central.pool.query(`SELECT applicant_surname FROM portal_requests WHERE id = $1`, [
      request.rows[0]!.id,
    ])
    expect(filed.rows).toEqual([{ applicant_surname: 'Ковалёва' }])
  })

  it('puts a file only into the named subscriber’s own request, never into another subscriber’s', async () => {
    // Subscriber 2's request awaits documents; subscriber 1's website session tries to add a file to it.
    const { rows } = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, state)
      VALUES ('closure', '40000002', 'Петренко', 'Олег', 'awaitingDocuments') RETURNING id`,
    )
    const theirs = rows[0]!.id
    const attach = (requestId: string, account: string) =>
      asWebsite(
        `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
        VALUES ($1, 'чужое.pdf', 'application/pdf', 4, '\\x25504446')`,
        [requestId],
        account,
      )
    await expect(attach(theirs, '40000001')).rejects.toMatchObject({ code: '42501' })
    const after = await central.pool.query<{ state: string; files: string }>(
      `SELECT state, (SELECT count(*) FROM portal_request_attachments a WHERE a.request_id = r.id)::text AS files
      FROM portal_requests r WHERE id = $1`,
      [theirs],
    )
    // Nothing added, and the request was not woken into review.
    expect(after.rows).toEqual([{ state: 'awaitingDocuments', files: '0' }])
    // The subscriber it belongs to may.
    await attach(theirs, '40000002')
    const own = await central.pool.query(`SELECT state FROM portal_requests WHERE id = $1`, [theirs])
    expect(own.rows).toEqual([{ state: 'inReview' }])
  })

  it('reads the contract version the database speaks', async () => {
    const { rows } = await asWebsite<{ version: string }>(`SELECT portal_contract_version() AS version`)
    const documented = /\*\*Version ([0-9.]+)\*\*/.exec(
      readFileSync(resolve('docs/portal-contract.md'), 'utf8'),
    )
    expect(rows).toEqual([{ version: documented?.[1] }])
  })

  it('activates a cabinet through portal_activate only, once', async () => {
    const token = randomBytes(32).toString('hex')
    await central.pool.query(`DELETE FROM cabinets`)
    await central.pool.query(`DELETE FROM portal_registrations`)
    await central.pool.query(
      `INSERT INTO portal_registrations (account_number, surname, email, password_hash, state, activation_token)
      VALUES ('40000001', 'Ковалёва', 'kovaleva@example.ru', 'h', 'confirmed', $1)`,
      [token],
    )
    await central.pool.query(
      `INSERT INTO cabinets (account_id, email, state) VALUES (1, 'kovaleva@example.ru', 'confirmed')`,
    )
    const first = await asWebsite<{ account: string | null }>(`SELECT portal_activate($1) AS account`, [
      token,
    ])
    expect(first.rows).toEqual([{ account: '40000001' }])
    const again = await asWebsite<{ account: string | null }>(`SELECT portal_activate($1) AS account`, [
      token,
    ])
    expect(again.rows).toEqual([{ account: null }])
    const { rows } = await central.pool.query(`SELECT state FROM cabinets WHERE account_id = 1`)
    expect(rows).toEqual([{ state: 'active' }])
  })
})

describe('contract 2.0: the database refuses a malformed row by a named check, and the contract names them all', () => {
  const contract = readFileSync(resolve('docs/portal-contract.md'), 'utf8')
  const documented = new Set(
    [...contract.matchAll(/^\| `(portal_\w+)` +\|/gm)]
      .map((m) => m[1]!)
      .filter((n) => /_(check|format|filled|shape|matches)\d*$/.test(n)),
  )

  beforeAll(async () => {
    await resetCentral(central)
  })

  it('lists every check of the website’s tables, and each one exists', async () => {
    const { rows } = await central.pool.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint
      WHERE contype = 'c' AND conrelid::regclass::text LIKE 'portal\\_%' AND conname NOT LIKE '%state_check' AND conname NOT LIKE '%refusal_check'`,
    )
    expect([...documented].sort()).toEqual(rows.map((r) => r.name).sort())
  })

  const valid = {
    registration: [`'40000001'`, `'Ковалёва'`, `'kovaleva@example.ru'`],
  }
  it.each([
    [
      'portal_registrations_account_number_format',
      `'4000-0001'`,
      valid.registration[1],
      valid.registration[2],
    ],
    ['portal_registrations_surname_filled', valid.registration[0], `'  Ковалёва'`, valid.registration[2]],
    ['portal_registrations_surname_filled', valid.registration[0], `'   '`, valid.registration[2]],
    [
      'portal_registrations_email_shape',
      valid.registration[0],
      valid.registration[1],
      `'kovaleva@localhost'`,
    ],
  ])('a registration breaking %s is refused by name', async (constraint, account, surname, email) => {
    await expect(
      central.pool.query(
        `INSERT INTO portal_registrations (account_number, surname, email, password_hash)
        VALUES (${account}, ${surname}, ${email}, 'argon2id$v=19$m=65536')`,
      ),
    ).rejects.toMatchObject({ code: '23514', constraint })
  })

  it('refuses a re-registration without the new owner’s first name, and an attachment that lies about its size', async () => {
    await expect(
      central.pool.query(
        `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name,
          new_owner_surname, effective_on) VALUES ('reRegistration', '40000001', 'Ковалёва', 'Анна', 'Петров', '2026-12-01')`,
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'portal_requests_new_owner_filled' })
    const { rows } = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name)
      VALUES ('closure', '40000001', 'Ковалёва', 'Анна') RETURNING id`,
    )
    await expect(
      central.pool.query(
        `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
        VALUES ($1, 'скан.pdf', 'application/pdf', 5, decode(repeat('00', 1000), 'hex'))`,
        [rows[0]!.id],
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'portal_request_attachments_size_matches' })
  })

  it('refuses a question with blank names or a malformed email, and takes a well-formed one', async () => {
    const ask = (surname: string, email: string) =>
      central.pool.query(
        `INSERT INTO portal_questions (surname, first_name, email, subject, message)
        VALUES ($1, 'Анна', $2, 'Начисление', 'Вопрос')`,
        [surname, email],
      )
    await expect(ask('', 'anna@example.ru')).rejects.toMatchObject({
      constraint: 'portal_questions_names_filled',
    })
    await expect(ask('Ковалёва', 'anna@example')).rejects.toMatchObject({
      constraint: 'portal_questions_email_shape',
    })
    await expect(ask('Ковалёва', 'anna@example.ru')).resolves.toMatchObject({ rowCount: 1 })
  })
})
