import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileQuestion } from '../../../scripts/portal/simulator'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, settle, type TestApp } from '../../support/test-app'

const central = useCentralService()

const form = (n: number, value: string) => ({
  accountNumber: String(40_000_000 + n),
  receivedOn: '2026-11-02',
  source: 'paper' as const,
  values: [{ meterId: n, value, confirmed: [] }],
})

/**
 * Staff productivity comes from the central audit trail through the service
 * (docs/business-rules.md#reports-exports-and-the-audit-trail): every console's forms count for the person
 * who typed them, at the pace they typed them.
 */
describe('the staff productivity report', () => {
  let console1: TestApp
  let console2: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    await central.pool
      .query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street, house,
      apartment, house_type, status, opened_on)
      SELECT n, (40000000 + n)::text, (920100000000 + n)::text, 'Иванов', 'Иван', 'Ленинский', 'ул. Ленина', '1',
        n::text, 'mkd', 'active', '2015-01-01' FROM generate_series(1, 6) AS n`)
    await central.pool
      .query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      SELECT n, n, 'СВ-' || n, 'кухня', '2020-01-01', '2030-01-01', 5, 'active' FROM generate_series(1, 6) AS n`)
    console1 = await buildTestApp({ central: { service: central, consoleName: 'Окно 1' } })
    console2 = await buildTestApp({ central: { service: central, consoleName: 'Окно 2' } })
  })
  afterAll(async () => {
    await console1.dispose()
    await console2.dispose()
  })

  it('counts each person’s forms on every console, forms per hour, and decisions', async () => {
    const clerk = await console1.staffMember('clerk')
    await settle(console1, console2)
    // Four forms over half an hour on the first console, two more on the second by the supervisor.
    for (let n = 1; n <= 4; n++) {
      await console1.call('readings.record', form(n, '12'), clerk.token)
      console1.clock.advance(10 * 60_000)
      central.clock.advance(10 * 60_000)
    }
    for (let n = 5; n <= 6; n++)
      await console2.call('readings.record', form(n, '7'), console2.supervisorToken)
    // A phone reading the clerk took on the card is no paper form typed.
    await console1.call('readings.record', { ...form(1, '13'), source: 'phone' }, clerk.token)
    // And one decision: the supervisor answers a website question.
    const questionId = await fileQuestion(central.pool, {
      surname: 'Орлова',
      firstName: 'Нина',
      email: 'orlova@mail.ru',
      subject: 'Начисление',
      message: 'Почему так много?',
    })
    await settle(console1, console2)
    await console2.call(
      'questions.answer',
      { questionId, body: 'По показаниям.', seenMessageId: 0 },
      console2.supervisorToken,
    )
    await settle(console1, console2)
    const report = await console2.call(
      'reports.run',
      { report: 'staff', params: { period: '2026-11' } },
      console2.supervisorToken,
    )
    const rows = report.sections[0]!.rows
    const byLogin = (name: string) => rows.find((r) => String(r.fullName).includes(name))!
    expect(byLogin('clerk')).toMatchObject({ forms: 4, hours: 0.5, formsPerHour: 8 })
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r !== byLogin('clerk'))).toMatchObject({ forms: 2, decisions: 1 })
    // A clerk may not see it.
    expect(
      (await console1.refused('reports.run', { report: 'staff', params: { period: '2026-11' } }, clerk.token))
        .code,
    ).toBe('FORBIDDEN')
  })
})
