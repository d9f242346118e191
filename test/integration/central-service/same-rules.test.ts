import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { moscowDate } from '@shared/domain/moscow-time'
import { anAccount, aMeter } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * One rule on both sides (docs/central-service.md#proof-of-person): a console that skips its own
 * checks gains nothing. Each case is refused by the console; the same payload, signed by its real
 * author and pushed straight to the service, is refused there with the console's code, and a period,
 * late mark or time in the payload is never taken.
 */
describe('the service decides readings by the console’s rules', () => {
  let console_: TestApp
  let operator: { login: string; token: string }
  let clerk: { login: string; token: string }
  let client: ReturnType<typeof ownCentralClient>

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    console_ = await buildTestApp({ central: { service: central } })
    operator = await console_.staffMember('operator')
    clerk = await console_.staffMember('clerk')
    await console_.app.sync!.syncNow()
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  /** A `readings.record` as the console queues it, with the fields it computes filled in by hand. */
  const reading = (
    author: string,
    fields: { source: string; receivedOn: string; period?: string; late?: boolean },
  ) =>
    pushedCommand(console_.app, {
      name: 'readings.record',
      payload: {
        accountId: 1,
        receivedOn: fields.receivedOn,
        receivedAt: `${fields.receivedOn}T12:00:00+03:00`,
        source: fields.source,
        period: fields.period ?? '2026-12',
        late: fields.late ?? false,
        readings: [{ meterId: 11, valueMilli: 12_000, flags: [], replacedMilli: null, replaceReason: null }],
      },
      author,
      madeAt: console_.clock.now(),
      signedBy: { login: author },
    })
  const pushed = async (command: Awaited<ReturnType<typeof reading>>) =>
    (await client.push([command])).outcomes[0]!
  const form = (receivedOn: string, source: 'paper' | 'phone' = 'paper') => ({
    accountNumber: '40000001',
    receivedOn,
    source,
    values: [{ meterId: 11, value: '12', confirmed: [] }],
  })

  it('closes a period still collecting readings only with a reason, on both sides', async () => {
    const supervisor = await console_.staffMember('supervisor')
    await console_.app.sync!.syncNow()
    // The month the console's clock is in always still collects readings (until the 2nd of the next).
    const period = moscowDate(console_.clock.now()).slice(0, 7)
    expect(
      await console_.refused('readings.setPeriodClosed', { period, closed: true }, supervisor.token),
    ).toMatchObject({ code: 'PERIOD_STILL_COLLECTING' })
    const command = await pushedCommand(console_.app, {
      name: 'readings.setPeriodClosed',
      payload: { period, closed: true, reason: null },
      author: supervisor.login,
      madeAt: console_.clock.now(),
      signedBy: { login: supervisor.login },
    })
    expect((await client.push([command])).outcomes[0]).toMatchObject({
      outcome: 'refused',
      detail: { code: 'PERIOD_STILL_COLLECTING', period },
    })
    const { rows } = await central.pool.query(`SELECT count(*)::int AS n FROM period_closures`)
    expect(rows).toEqual([{ n: 0 }])
  })

  it('refuses an operator’s paper form on both sides', async () => {
    expect((await console_.refused('readings.record', form('2026-11-20'), operator.token)).code).toBe(
      'PAPER_ONLY_CLERKS',
    )
    expect(
      await pushed(await reading(operator.login, { source: 'paper', receivedOn: '2026-11-20' })),
    ).toMatchObject({
      outcome: 'refused',
      detail: { code: 'PAPER_ONLY_CLERKS' },
    })
  })

  it('refuses a stamp after the day it was typed on both sides', async () => {
    expect((await console_.refused('readings.record', form('2031-01-15'), clerk.token)).code).toBe(
      'RECEIVED_IN_FUTURE',
    )
    expect(
      await pushed(await reading(clerk.login, { source: 'paper', receivedOn: '2031-01-15' })),
    ).toMatchObject({
      outcome: 'refused',
      detail: { code: 'RECEIVED_IN_FUTURE', date: '2031-01-15' },
    })
  })

  it('refuses a source outside the list on both sides', async () => {
    expect(
      (await console_.refused('readings.record', { ...form('2026-11-20'), source: 'inspector' }, clerk.token))
        .code,
    ).toBe('INVALID_INPUT')
    for (const source of ['inspector', 'web'])
      expect(await pushed(await reading(clerk.login, { source, receivedOn: '2026-11-20' }))).toMatchObject({
        outcome: 'refused',
        detail: { code: 'INVALID_INPUT', fields: 'source' },
      })
  })

  it('takes the period and the late mark from its own rule, never from the payload', async () => {
    // Stamped 20 November: December's reading, not late, whatever the console claimed.
    const claimed = await reading(clerk.login, {
      source: 'paper',
      receivedOn: '2026-11-20',
      period: '2019-05',
      late: true,
    })
    expect(await pushed(claimed)).toMatchObject({ outcome: 'applied' })
    const { rows } = await central.pool.query(
      `SELECT period, late, to_char(received_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD HH24:MI') AS at
      FROM readings WHERE meter_id = 11`,
    )
    expect(rows).toEqual([{ period: '2026-12', late: false, at: '2026-11-20 12:00' }])
  })
})

/**
 * The rest of the rules written once (docs/central-service.md#one-rule-on-both-sides): who may give a
 * question to whom, what a re-registration needs, and what a web reading says. Each payload skips the
 * console's check and is signed by its real author; the service answers with the console's code.
 */
describe('the service decides questions, completions and web readings by the console’s rules', () => {
  let console_: TestApp
  let operator: { login: string; token: string }
  let clerk: { login: string; token: string }
  let client: ReturnType<typeof ownCentralClient>
  let questionId: number
  let requestId: number
  let webReadingId: number

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1, serial: 'A-1' })])
    await central.pool.query(
      `INSERT INTO readings (meter_id, period, value_milli, received_at, source)
      VALUES (11, '2026-10', 500000, '2026-10-01T10:00:00+03:00', 'paper')`,
    )
    const question = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_questions (surname, first_name, email, subject, message)
      VALUES ('Иванов', 'Иван', 'ivanov@mail.ru', 'Расчёт начислений', 'Почему так много?') RETURNING id`,
    )
    questionId = Number(question.rows[0]!.id)
    const request = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, email, state,
        new_owner_surname, new_owner_first_name, effective_on)
      VALUES ('reRegistration', '40000001', 'Иванов', 'Иван', 'ivanov@mail.ru', 'approved', 'Петрова', 'Анна',
        '2026-11-20') RETURNING id`,
    )
    requestId = Number(request.rows[0]!.id)
    // Lower than the meter's last reading (500 m³): an error the website cannot see.
    const web = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_readings (account_number, meter_serial, value_text, submitted_at)
      VALUES ('40000001', 'A-1', '12', '2026-11-02T10:00:00+03:00') RETURNING id`,
    )
    webReadingId = Number(web.rows[0]!.id)
    console_ = await buildTestApp({ central: { service: central } })
    operator = await console_.staffMember('operator')
    clerk = await console_.staffMember('clerk')
    await console_.app.sync!.syncNow()
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  const push = async (name: string, payload: unknown, author: string | null) =>
    (
      await client.push([
        await pushedCommand(console_.app, {
          name,
          payload,
          author,
          madeAt: console_.clock.now(),
          signedBy: author ? { login: author } : undefined,
        }),
      ])
    ).outcomes[0]!

  it('refuses an operator giving a question to someone else on both sides', async () => {
    const input = { questionIds: [questionId], to: clerk.login }
    expect((await console_.refused('questions.assign', input, operator.token)).code).toBe('FORBIDDEN')
    expect(await push('questions.assign', { questionId, to: clerk.login }, operator.login)).toMatchObject({
      outcome: 'refused',
      detail: { code: 'FORBIDDEN' },
    })
    const { rows } = await central.pool.query(
      `SELECT assigned_to, state FROM portal_questions WHERE id = $1`,
      [questionId],
    )
    expect(rows).toEqual([{ assigned_to: null, state: 'new' }])
  })

  it('refuses closing one subscriber’s question as a duplicate of another’s, on both sides', async () => {
    const other = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_questions (surname, first_name, email, subject, message)
      VALUES ('Петрова', 'Анна', 'petrova@mail.ru', 'Расчёт начислений', 'У меня тоже вопрос') RETURNING id`,
    )
    const otherId = Number(other.rows[0]!.id)
    await console_.app.sync!.syncNow()
    const input = { questionIds: [otherId], reason: 'duplicate' as const, duplicateOf: questionId }
    expect((await console_.refused('questions.close', input, clerk.token)).code).toBe(
      'DUPLICATE_OF_ANOTHER_SUBSCRIBER',
    )
    expect(
      await push(
        'questions.close',
        { questionId: otherId, reason: 'duplicate', duplicateOf: questionId },
        clerk.login,
      ),
    ).toMatchObject({ outcome: 'refused', detail: { code: 'DUPLICATE_OF_ANOTHER_SUBSCRIBER' } })
    const { rows } = await central.pool.query(`SELECT state FROM portal_questions WHERE id = $1`, [otherId])
    expect(rows).toEqual([{ state: 'new' }])
  })

  it('refuses a re-registration completed without a new owner', async () => {
    const supervisor = await console_.staffMember('supervisor')
    expect(
      await push(
        'requests.complete',
        { requestId, on: moscowDate(console_.clock.now()), newOwner: null },
        supervisor.login,
      ),
    ).toMatchObject({ outcome: 'refused', detail: { code: 'NEW_OWNER_REQUIRED' } })
    const { rows } = await central.pool.query(`SELECT surname FROM accounts WHERE id = 1`)
    expect(rows).toEqual([{ surname: anAccount({ id: 1 }).surname }])
  })

  it('reads a web reading itself: a console’s “accepted, 999 999,999 m³” changes nothing', async () => {
    // What a tampered console sent before the payload named only the reading: its whole verdict.
    const claimed = {
      webReadingId,
      state: 'accepted',
      period: '2026-11',
      late: false,
      findings: [],
      reading: {
        meterId: 11,
        valueMilli: 999_999_999,
        replacedMilli: null,
        receivedAt: '2026-11-02T07:00:00Z',
      },
    }
    expect(await push('readings.checkWeb', claimed, null)).toMatchObject({ outcome: 'applied' })
    const web = await central.pool.query(
      `SELECT state, period, findings FROM portal_readings WHERE id = $1`,
      [webReadingId],
    )
    expect(web.rows).toEqual([{ state: 'review', period: '2026-11', findings: ['lowerThanPrevious'] }])
    const readings = await central.pool.query(
      `SELECT period, value_milli::int AS v FROM readings ORDER BY period`,
    )
    expect(readings.rows).toEqual([{ period: '2026-10', v: 500_000 }])
  })

  it('refuses accepting a reading the rules call an error, on both sides', async () => {
    await console_.app.sync!.syncNow()
    const input = { webReadingId, decision: 'accept', reason: null }
    expect((await console_.refused('readings.reviewWeb', input, clerk.token)).code).toBe('READING_REFUSED')
    expect(
      await push(
        'readings.reviewWeb',
        { webReadingId, decision: { decision: 'accept', reason: null } },
        clerk.login,
      ),
    ).toMatchObject({ outcome: 'refused', detail: { code: 'READING_REFUSED' } })
  })
})
