import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

describe('the supervisors’ period overview', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
    insertAccounts(t.app.local.sql, [
      anAccount({ id: 1, number: '40000001', district: 'Ленинский' }),
      anAccount({ id: 2, number: '40000002', district: 'Ленинский' }),
      anAccount({ id: 3, number: '40000003', district: 'Балаклавский' }),
      anAccount({ id: 4, number: '40000004', district: 'Балаклавский', status: 'closed' }),
    ])
    t.app.local.sql
      .exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 2, 'СВ-2', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (3, 3, 'СВ-3', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (4, 4, 'СВ-4', 'кухня', '2020-01-01', '2030-01-01', 5, 'removed')`)
    t.app.local.sql
      .exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, flags) VALUES
      (1, '2026-11', 100000, '2026-11-01T09:00:00Z', 'web', 0, NULL),
      (2, '2026-11', 100000, '2026-11-05T09:00:00Z', 'paper', 1, '["spike"]'),
      (3, '2026-07', 100000, '2026-07-01T09:00:00Z', 'web', 0, NULL)`)
  })
  afterEach(() => t.dispose())

  it('counts coverage by source and district, lists late and flagged readings and the silent accounts longest first', async () => {
    const overview = await t.call('readings.periodOverview', { period: '2026-11' }, t.supervisorToken)
    expect(overview).toMatchObject({
      accountsExpected: 3,
      accountsWithReadings: 2,
      bySource: expect.arrayContaining([
        { source: 'web', readings: 1 },
        { source: 'paper', readings: 1 },
      ]),
      byDistrict: [
        { district: 'Балаклавский', expected: 1, withReadings: 0 },
        { district: 'Ленинский', expected: 2, withReadings: 2 },
      ],
      missingTotal: 1,
      missing: [{ number: '40000003', lastPeriod: '2026-07', periodsWithout: 4 }],
    })
    expect(overview.attention).toEqual([
      expect.objectContaining({ number: '40000002', late: true, flags: ['spike'] }),
    ])
  })

  it('lets a supervisor override a late reading with a reason, audited; others may not', async () => {
    const clerk = await t.tokenFor('clerk')
    expect(
      await t.refused(
        'readings.override',
        { meterId: 2, period: '2026-11', reason: 'бланк пришёл вовремя' },
        clerk,
      ),
    ).toEqual({
      code: 'FORBIDDEN',
    })
    await t.call(
      'readings.override',
      { meterId: 2, period: '2026-11', reason: 'бланк пришёл вовремя' },
      t.supervisorToken,
    )
    const overview = await t.call('readings.periodOverview', { period: '2026-11' }, t.supervisorToken)
    expect(overview.attention).toEqual([])
    const audit = t.app.local.sql
      .prepare(`SELECT after_json FROM audit_log WHERE command = 'readings.override'`)
      .get() as {
      after_json: string
    }
    expect(JSON.parse(audit.after_json)).toEqual({
      late: false,
      flags: null,
      overrideReason: 'бланк пришёл вовремя',
    })
    expect(
      await t.refused(
        'readings.override',
        { meterId: 2, period: '2026-11', reason: 'ещё раз' },
        t.supervisorToken,
      ),
    ).toEqual({
      code: 'NOTHING_TO_OVERRIDE',
    })
  })
})
