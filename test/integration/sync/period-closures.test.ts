import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aMeter, anAccount } from '../../support/account-builder'
import {
  insertCentralAccounts,
  insertCentralMeters,
  insertCentralReadings,
} from '../../support/central-database'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, paperForm, settle, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * docs/business-rules.md#meter-readings, corrected: "late" is only for a reading whose period was already
 * closed (its register went to billing); it goes to the next open period. The service keeps the one list of
 * closed periods.
 */
describe('closed billing periods', () => {
  let a: TestApp
  let b: TestApp
  let linkB: CuttableLink

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(
      central.pool,
      [1, 2].map((id) => anAccount({ id })),
    )
    await insertCentralMeters(
      central.pool,
      [1, 2].map((n) => aMeter({ id: n * 10 + 1, accountId: n })),
    )
    for (const n of [1, 2]) await insertCentralReadings(central.pool, n * 10 + 1, { '2026-09': 100 })
    linkB = await cuttableLink(central.serviceUrl)
    a = await buildTestApp({ central: { service: central } })
    b = await buildTestApp({ central: { service: central, serviceUrl: linkB.url } })
    await settle(a, b)
  })

  afterEach(async () => {
    await a.dispose()
    await b.dispose()
    await linkB.close()
  })

  it('a reading received after the 2nd is next month’s and not late; one for a closed period goes on, late', async () => {
    const { login, token: clerkA } = await a.staffMember('clerk')
    await settle(a, b)
    const clerkB = (await b.call('auth.signIn', { login, password: TEST_PASSWORD })).token

    // Received on the 25th: simply November's, never late.
    expect(
      await a.call('readings.record', paperForm('40000001', 11, '105', '2026-10-25'), clerkA),
    ).toMatchObject({
      period: '2026-11',
      late: false,
    })

    // B goes offline; A closes November (its register went to billing).
    linkB.cut()
    await a.call(
      'readings.setPeriodClosed',
      { period: '2026-11', closed: true, reason: 'биллинг попросил реестр раньше' },
      a.supervisorToken,
    )
    expect(
      await a.call('readings.record', paperForm('40000002', 21, '106', '2026-11-02'), clerkA),
    ).toMatchObject({
      period: '2026-12',
      late: true,
    })
    const overview = await a.call('readings.periodOverview', { period: '2026-11' }, a.supervisorToken)
    expect(overview.closure).toMatchObject({ closed: true })

    // B, not knowing, records a form stamped 1 November: the service puts it into December, late.
    const offline = await b.call('readings.record', paperForm('40000002', 21, '107', '2026-11-01'), clerkB)
    expect(offline).toMatchObject({ period: '2026-11', late: false })
    await a.app.sync!.syncNow()
    linkB.restore()
    await settle(a, b)

    const { rows } = await central.pool.query(
      `SELECT meter_id, period, value_milli, late FROM readings WHERE period >= '2026-10' ORDER BY meter_id, period`,
    )
    expect(rows).toEqual([
      { meter_id: 11, period: '2026-11', value_milli: 105_000, late: false },
      { meter_id: 21, period: '2026-12', value_milli: 106_000, late: true },
    ])
    // B took the central verdict: the reading it kept for November is gone, the closure is known.
    const local = b.app.local.sql
    expect(
      local.prepare(`SELECT count(*) FROM readings WHERE meter_id = 21 AND period = '2026-11'`).pluck().get(),
    ).toBe(0)
    expect(local.prepare(`SELECT closed FROM period_closures WHERE period = '2026-11'`).pluck().get()).toBe(1)
  })

  it('keeping the console’s value of a reading moved from a closed period writes it as it was made', async () => {
    const { login, token: clerkA } = await a.staffMember('clerk')
    await settle(a, b)
    const clerkB = (await b.call('auth.signIn', { login, password: TEST_PASSWORD })).token
    linkB.cut()
    await a.call(
      'readings.setPeriodClosed',
      { period: '2026-11', closed: true, reason: 'биллинг попросил реестр раньше' },
      a.supervisorToken,
    )
    await a.call('readings.record', paperForm('40000002', 21, '106', '2026-11-20'), clerkA)
    // B, offline, types a form stamped 1 November: meant for November, it meets December's reading.
    await b.call('readings.record', paperForm('40000002', 21, '107', '2026-11-01'), clerkB)
    const madeOnB = b.app.local.sql
      .prepare(`SELECT received_at FROM readings WHERE meter_id = 21 AND period = '2026-11'`)
      .pluck()
      .get() as string
    await a.app.sync!.syncNow()
    linkB.restore()
    await settle(a, b)

    const [conflict] = await a.call('conflicts.list', {}, a.supervisorToken)
    expect(conflict).toMatchObject({
      kind: 'readingValue',
      centralValue: 106_000,
      consoleValue: 107_000,
      movedFrom: '2026-11',
      subject: expect.stringContaining('декабрь 2026'),
    })
    await a.call(
      'conflicts.resolve',
      { conflictId: conflict!.id, keep: 'console', note: 'Сверено с бланком' },
      a.supervisorToken,
    )
    await settle(a, b)

    const { rows } = await central.pool.query(
      `SELECT value_milli, late, received_at, entered_by, overridden_by FROM readings WHERE meter_id = 21 AND period = '2026-12'`,
    )
    expect(rows).toEqual([
      {
        value_milli: 107_000,
        late: true,
        received_at: new Date(madeOnB),
        entered_by: login,
        overridden_by: null,
      },
    ])
    for (const console of [a, b]) {
      const local = console.app.local.sql
        .prepare(
          `SELECT r.value_milli AS valueMilli, r.late, r.received_at AS receivedAt, s.login FROM readings r
          JOIN staff s ON s.id = r.entered_by WHERE meter_id = 21 AND period = '2026-12'`,
        )
        .get() as { receivedAt: string }
      expect({ ...local, receivedAt: new Date(local.receivedAt) }).toEqual({
        valueMilli: 107_000,
        late: 1,
        receivedAt: new Date(madeOnB),
        login,
      })
    }
  })

  it('closing early and reopening need a supervisor and a reason', async () => {
    const clerk = await a.tokenFor('clerk')
    expect(await a.refused('readings.setPeriodClosed', { period: '2026-11', closed: true }, clerk)).toEqual({
      code: 'FORBIDDEN',
    })
    // On 24 November, November still collects readings until 2 December: closing it is early.
    expect(
      await a.refused('readings.setPeriodClosed', { period: '2026-11', closed: true }, a.supervisorToken),
    ).toMatchObject({ code: 'PERIOD_STILL_COLLECTING', params: { period: '2026-11', until: '2026-12-02' } })
    await a.call(
      'readings.setPeriodClosed',
      { period: '2026-11', closed: true, reason: 'биллинг попросил реестр раньше' },
      a.supervisorToken,
    )
    expect(
      await a.refused('readings.setPeriodClosed', { period: '2026-11', closed: false }, a.supervisorToken),
    ).toMatchObject({ code: 'INVALID_INPUT' })
    await a.call(
      'readings.setPeriodClosed',
      { period: '2026-11', closed: false, reason: 'биллинг вернул реестр с ошибкой' },
      a.supervisorToken,
    )
    await settle(a)
    const { rows } = await central.pool.query(`SELECT closed, reason, changed_by FROM period_closures`)
    expect(rows).toEqual([
      { closed: false, reason: 'биллинг вернул реестр с ошибкой', changed_by: expect.any(String) },
    ])
  })
})
