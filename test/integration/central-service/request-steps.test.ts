import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requestDue } from '@shared/domain/requests/request-due'
import type { RequestState } from '@shared/domain/requests/request-states'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts } from '../../support/central-database'
import { CENTRAL_SUPERVISOR, resetCentral, useCentralService } from '../../support/central-service'
import { queueAs } from '../../support/person-proof'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * The central side of a request's steps (docs/business-rules.md#closure-and-re-registration-requests),
 * through the service on real PostgreSQL: each step with who, when and why; the letters; the due date
 * standing still while documents are awaited; two consoles deciding at once; a claim held elsewhere.
 */
describe('the steps of a closure request, decided centrally', () => {
  let first: TestApp
  let second: TestApp
  let clerk: string
  let requestId: number

  /** Queues a central command on a console as `login` made it, and pushes; answers its outcome. */
  async function step(console_: TestApp, login: string, payload: Record<string, unknown>) {
    const db = console_.app.local.sql
    const commandId = await queueAs(console_.app, login, {
      name: 'requests.step',
      payload: { requestId, missing: [], reason: null, ...payload },
      madeAt: console_.clock.now(),
      proof: 'own',
    })
    await console_.app.sync!.syncNow()
    const row = db.prepare(`SELECT state, refusal_json FROM outbox WHERE command_id = ?`).get(commandId) as {
      state: string
      refusal_json: string | null
    }
    return row.state === 'refused' ? (JSON.parse(row.refusal_json!) as { code: string }) : row.state
  }
  const steps = async () =>
    (
      await central.pool.query<{
        to_state: RequestState
        staff_login: string | null
        reason: string | null
        on: string
      }>(
        `SELECT to_state, staff_login, reason, to_char(at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD') AS on
        FROM portal_request_steps WHERE request_id = $1 ORDER BY id`,
        [requestId],
      )
    ).rows
  const ruleSteps = async () => (await steps()).map((s) => ({ state: s.to_state, on: s.on }))
  const state = async () =>
    (await central.pool.query(`SELECT state FROM portal_requests WHERE id = $1`, [requestId])).rows[0]?.state

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    first = await buildTestApp({ central: { service: central } })
    second = await buildTestApp({ central: { service: central } })
    clerk = (await first.staffMember('clerk')).login
    await first.app.sync!.syncNow()
  })
  afterAll(async () => {
    await first.dispose()
    await second.dispose()
  })
  beforeEach(async () => {
    // Filed as the website files it (its own role is tested in website-role.test.ts): the arrival is
    // the first step, written by the trigger whoever inserts the request.
    const { rows } = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, email)
      VALUES ('closure', '40000001', 'Иванов', 'Иван', 'ivanov@mail.ru') RETURNING id`,
    )
    requestId = Number(rows[0]!.id)
  })

  it('records the arrival, then each step with who and why; asking for documents writes to the subscriber', async () => {
    expect((await steps()).map((s) => s.to_state)).toEqual(['new'])
    expect(await step(first, clerk, { to: 'in_review' })).toBe('applied')
    expect(await step(first, clerk, { to: 'awaiting_documents' })).toMatchObject({ code: 'REASON_REQUIRED' })
    expect(await step(first, clerk, { to: 'awaiting_documents', reason: 'Нет выписки' })).toMatchObject({
      code: 'MISSING_DOCUMENTS_REQUIRED',
    })
    expect(
      await step(first, clerk, {
        to: 'awaiting_documents',
        reason: 'Скан нечитаем',
        missing: ['rightEnded'],
      }),
    ).toBe('applied')
    expect(await state()).toBe('awaitingDocuments')
    expect((await steps()).map((s) => [s.to_state, s.staff_login, s.reason])).toEqual([
      ['new', null, null],
      ['in_review', clerk, null],
      ['awaiting_documents', clerk, 'Скан нечитаем'],
    ])
    const { rows: mail } = await central.pool.query(
      `SELECT to_address, template, body FROM outgoing_mail WHERE template = 'requestDocumentsMissing'`,
    )
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ to_address: 'ivanov@mail.ru' })
    expect(mail[0].body).toContain('выписка из ЕГРН')
    expect(mail[0].body).toContain('Скан нечитаем')

    // The clock stands still while the documents are awaited.
    const today = (await steps())[2]!.on
    expect(requestDue(await ruleSteps(), 10, today).paused).toBe(true)
    expect(await step(first, clerk, { to: 'in_review' })).toBe('applied')
    expect(requestDue(await ruleSteps(), 10, today).paused).toBe(false)
  })

  it('refuses a step the rules do not allow, and a refusal without a reason', async () => {
    expect(await step(first, clerk, { to: 'approved' })).toMatchObject({ code: 'REQUEST_ALREADY_MOVED' })
    expect(await step(first, clerk, { to: 'rejected' })).toMatchObject({ code: 'REASON_REQUIRED' })
    expect(await step(first, clerk, { to: 'rejected', reason: 'Заявка подана не владельцем' })).toBe(
      'applied',
    )
    expect(await state()).toBe('rejected')
    const { rows } = await central.pool.query(
      `SELECT body FROM outgoing_mail WHERE template = 'requestRejected'`,
    )
    expect(rows.at(-1)?.body).toContain('Заявка подана не владельцем')
  })

  it('lets one of two consoles deciding at once win; the other is told who and when', async () => {
    await step(first, clerk, { to: 'in_review' })
    // Both consoles decide while apart from the service; the first to arrive wins.
    expect(await step(first, clerk, { to: 'approved' })).toBe('applied')
    const late = await step(second, CENTRAL_SUPERVISOR.login, { to: 'rejected', reason: 'Нет документов' })
    expect(late).toMatchObject({
      code: 'REQUEST_ALREADY_MOVED',
      state: 'approved',
      by: `Сотрудник ${clerk}`,
    })
    expect(await state()).toBe('approved')
  })

  it('refuses a step on a request someone else holds', async () => {
    await central.pool.query(
      `INSERT INTO claims (entity_key, staff_login, full_name, console_id, expires_at)
      VALUES ($1, $2, $3, $4, now() + interval '10 minutes')`,
      [`webRequest:${requestId}`, CENTRAL_SUPERVISOR.login, CENTRAL_SUPERVISOR.fullName, randomUUID()],
    )
    expect(await step(first, clerk, { to: 'in_review' })).toMatchObject({
      code: 'ALREADY_CLAIMED',
      by: CENTRAL_SUPERVISOR.fullName,
    })
    expect(await state()).toBe('new')
  })
})

/** The same steps as a clerk takes them on a console: the queue, the step, the answer. */
describe('a request in the console’s queue', () => {
  let first: TestApp
  let second: TestApp
  let clerkToken: string
  let requestId: number

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    first = await buildTestApp({ central: { service: central } })
    // A month before the console's day: well past 10 working days.
    const submittedAt = new Date(first.clock.now().getTime() - 30 * 86_400_000).toISOString()
    const { rows } = await central.pool.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, email,
        submitted_at) VALUES ('closure', '40000001', 'Иванов', 'Иван', 'ivanov@mail.ru', $1) RETURNING id`,
      [submittedAt],
    )
    requestId = Number(rows[0]!.id)
    second = await buildTestApp({ central: { service: central } })
    clerkToken = await first.tokenFor('clerk')
    await first.app.sync!.syncNow()
    await second.app.sync!.syncNow()
  })
  afterAll(async () => {
    await first.dispose()
    await second.dispose()
  })

  it('lists an open request with its arrival, overdue after 10 working days', async () => {
    const { items } = await first.call('requests.queue', {}, clerkToken)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      id: requestId,
      kind: 'closure',
      state: 'new',
      applicant: 'Иванов Иван',
      due: 'overdue',
      heldBy: null,
    })
    expect(items[0]!.steps.map((s) => s.state)).toEqual(['new'])
  })

  it('takes a step through the central database and shows it with who; a second console hears who was first', async () => {
    expect(await first.call('requests.step', { requestId, to: 'in_review' }, clerkToken)).toEqual({
      state: 'applied',
    })
    const refusal = await first.refused('requests.step', { requestId, to: 'rejected' }, clerkToken)
    expect(refusal).toMatchObject({ code: 'REASON_REQUIRED' })
    expect(
      await first.call(
        'requests.step',
        { requestId, to: 'awaiting_documents', reason: 'Нет выписки', missing: ['rightEnded'] },
        clerkToken,
      ),
    ).toEqual({ state: 'applied' })
    await first.app.sync!.syncNow()
    const [item] = (await first.call('requests.queue', {}, clerkToken)).items
    expect(item).toMatchObject({ state: 'awaiting_documents', due: 'paused' })
    expect(item!.steps.map((s) => [s.state, s.reason])).toEqual([
      ['new', null],
      ['in_review', null],
      ['awaiting_documents', 'Нет выписки'],
    ])
    expect(item!.steps[1]!.by).toMatch(/^Сотрудник clerk/)

    // The papers come; the clerk approves. The second console has not pulled since: it still sees
    // the request as new, and a supervisor there refuses it.
    await first.call('requests.step', { requestId, to: 'in_review' }, clerkToken)
    await first.call('requests.step', { requestId, to: 'approved' }, clerkToken)
    const supervisor = second.supervisorToken
    const late = await second.refused(
      'requests.step',
      { requestId, to: 'rejected', reason: 'Не владелец' },
      supervisor,
    )
    expect(late).toMatchObject({
      code: 'REQUEST_ALREADY_MOVED',
      params: { by: expect.stringMatching(/^Сотрудник clerk/) },
    })
    const { rows } = await central.pool.query(`SELECT state FROM portal_requests WHERE id = $1`, [requestId])
    expect(rows[0]!.state).toBe('approved')
  })
})
