import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aMeter, anAccount } from '../../support/account-builder'
import {
  insertCentralAccounts,
  insertCentralMeters,
  insertCentralReadings,
} from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/** What the website does when a subscriber submits a reading (docs/portal-contract.md). */
async function submitOnWebsite(accountNumber: string, meterSerial: string, value: string) {
  const { rows } = await central.pool.query<{ id: number }>(
    `INSERT INTO portal_readings (account_number, meter_serial, value_text, submitted_at)
    VALUES ($1, $2, $3, '2026-11-02T10:00:00+03:00') RETURNING id`,
    [accountNumber, meterSerial, value],
  )
  return rows[0]!.id
}

const portalState = async (id: number) =>
  (await central.pool.query(`SELECT state, findings, decided_by FROM portal_readings WHERE id = $1`, [id]))
    .rows[0] as { state: string; findings: string[]; decided_by: string | null }

const aConsole = () => buildTestApp({ central: { service: central } })

describe('readings from the website', () => {
  let a: TestApp
  let b: TestApp

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(
      central.pool,
      [1, 2].map((id) => anAccount({ id })),
    )
    await insertCentralMeters(
      central.pool,
      [1, 2].map((n) => aMeter({ id: n, accountId: n, serial: `СВ-${n}` })),
    )
    for (const n of [1, 2]) await insertCentralReadings(central.pool, n, { '2026-09': 95, '2026-10': 100 })
    a = await aConsole()
    b = await aConsole()
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
  })
  afterEach(async () => {
    await a.dispose()
    await b.dispose()
  })

  it('go through the same checks: clean ones are accepted, the rest wait in the review list', async () => {
    const clean = await submitOnWebsite('40000001', 'СВ-1', '104,5')
    const spike = await submitOnWebsite('40000002', 'СВ-2', '190')
    const unknown = await submitOnWebsite('49999999', 'СВ-9', '12')
    const garbled = await submitOnWebsite('40000001', 'СВ-1', '1O5')
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
    await a.app.sync!.syncNow()

    expect(await portalState(clean)).toMatchObject({ state: 'accepted', findings: [] })
    expect(await portalState(spike)).toMatchObject({ state: 'review', findings: ['spike'] })
    expect(await portalState(unknown)).toMatchObject({ state: 'review', findings: ['unknownAccount'] })
    expect(await portalState(garbled)).toMatchObject({ state: 'review', findings: ['badValue'] })
    const accepted = await central.pool.query(
      `SELECT meter_id, period, value_milli, source FROM readings WHERE period = '2026-11'`,
    )
    expect(accepted.rows).toEqual([{ meter_id: 1, period: '2026-11', value_milli: 104_500, source: 'web' }])

    const clerk = await a.tokenFor('clerk')
    const review = await a.call('readings.webReview', {}, clerk)
    // Beside each, the meter's last accepted reading before its period, to judge the value against.
    expect(review.find((item) => item.accountNumber === '40000002')).toMatchObject({
      previousMilli: 100_000,
      previousPeriod: '2026-10',
    })
    expect(review.map((item) => [item.accountNumber, item.findings])).toEqual([
      ['40000002', ['spike']],
      ['49999999', ['unknownAccount']],
      ['40000001', ['badValue']],
    ])
    // Both consoles checked what arrived; they agree on every reading.
    const local = (t: TestApp) =>
      t.app.local.sql
        .prepare(`SELECT meter_id, period, value_milli FROM readings ORDER BY meter_id, period`)
        .all()
    expect(local(a)).toEqual(local(b))
  })

  it('a corrected submission accepted for the same meter and period replaces the first: one stays accepted', async () => {
    const first = await submitOnWebsite('40000001', 'СВ-1', '104,5')
    await a.app.sync!.syncNow()
    await a.app.sync!.syncNow()
    expect(await portalState(first)).toMatchObject({ state: 'accepted' })
    const corrected = await submitOnWebsite('40000001', 'СВ-1', '104,8')
    await a.app.sync!.syncNow()
    await a.app.sync!.syncNow()
    expect(await portalState(corrected)).toMatchObject({ state: 'review', findings: ['duplicateForPeriod'] })

    const clerk = await a.tokenFor('clerk')
    await a.call(
      'readings.reviewWeb',
      { webReadingId: corrected, decision: 'accept', reason: 'абонент исправил опечатку' },
      clerk,
    )
    await a.app.sync!.syncNow()
    const { rows } = await central.pool.query(
      `SELECT id, state, replaced_by, decision_reason FROM portal_readings ORDER BY id`,
    )
    // The clerk's reason is for the replacement, never shown to the subscriber as a refusal.
    expect(rows).toEqual([
      { id: first, state: 'accepted', replaced_by: corrected, decision_reason: null },
      { id: corrected, state: 'accepted', replaced_by: null, decision_reason: null },
    ])
    const reading = await central.pool.query(
      `SELECT value_milli FROM readings WHERE meter_id = 1 AND period = '2026-11'`,
    )
    expect(reading.rows).toEqual([{ value_milli: 104_800 }])
    // The database itself refuses a second accepted submission left unmarked.
    await expect(
      central.pool.query(`UPDATE portal_readings SET replaced_by = NULL WHERE id = $1`, [first]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'portal_readings_one_accepted' })
  })

  it('a review decision made on one console wins; the later one is refused with who and when', async () => {
    const spike = await submitOnWebsite('40000002', 'СВ-2', '190')
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
    const clerkA = await a.tokenFor('clerk')
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
    const clerkB = (await b.call('auth.signIn', { login: 'clerk1', password: TEST_PASSWORD })).token

    await b.app.sync!.syncNow()
    const withoutReason = await b.refused(
      'readings.reviewWeb',
      { webReadingId: spike, decision: 'reject', reason: '' },
      clerkB,
    )
    expect(withoutReason.code).toBe('INVALID_INPUT')

    // Both decide before either hears of the other: the central database takes one, refuses the other.
    const [accepted, rejected] = await Promise.all([
      a.app.router.invoke({
        channel: 'readings.reviewWeb',
        payload: { webReadingId: spike, decision: 'accept', reason: null },
        token: clerkA,
      }),
      b.app.router.invoke({
        channel: 'readings.reviewWeb',
        payload: { webReadingId: spike, decision: 'reject', reason: 'абонент ошибся разрядом' },
        token: clerkB,
      }),
    ])
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
    expect([accepted.ok, rejected.ok].filter(Boolean)).toHaveLength(1)
    const [winner, loser, lost] = accepted.ok ? ([a, b, rejected] as const) : ([b, a, accepted] as const)
    const state = accepted.ok ? 'accepted' : 'rejected'
    expect(lost).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_DECIDED', params: { by: 'Сотрудник clerk1' } },
    })
    expect(await portalState(spike)).toMatchObject({ state, decided_by: 'clerk1' })
    const refusal = loser.app.local.sql
      .prepare(`SELECT refusal_json FROM outbox WHERE command = 'readings.reviewWeb' AND state = 'refused'`)
      .pluck()
      .get() as string
    expect(JSON.parse(refusal)).toMatchObject({ outcome: 'refused', code: 'ALREADY_DECIDED' })
    expect(JSON.parse(refusal).at).toMatch(/^\d{4}-\d\d-\d\dT/)
    // Both consoles now show the central decision, and the reading only when it was accepted.
    for (const console of [winner, loser]) {
      expect(
        console.app.local.sql.prepare(`SELECT state FROM web_readings WHERE id = ?`).pluck().get(spike),
      ).toBe(state)
      expect(
        console.app.local.sql
          .prepare(`SELECT value_milli FROM readings WHERE meter_id = 2 AND period = '2026-11'`)
          .pluck()
          .get() ?? null,
      ).toBe(state === 'accepted' ? 190_000 : null)
    }
    expect((await b.call('readings.webReview', {}, clerkB)).length).toBe(0)
  })
})
