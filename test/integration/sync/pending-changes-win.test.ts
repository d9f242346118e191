import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LocalMirror } from '../../../src-main/sync/local-mirror'
import {
  aMeter,
  anAccount,
  insertAccounts,
  insertMeters,
  insertReadings,
} from '../../support/account-builder'
import { buildTestApp, type TestApp } from '../../support/test-app'

/** A central image of meter 1's reading for November, as the feed carries it. */
const centralReading = (valueMilli: number, version: number) => ({
  table: 'readings',
  op: 'U' as const,
  row: {
    meter_id: 1,
    period: '2026-11',
    value_milli: valueMilli,
    received_at: '2026-11-02T09:00:00+00:00',
    source: 'web',
    late: false,
    flags: null,
    entered_by: null,
    overridden_by: null,
    override_reason: null,
    version,
  },
})

describe('pending local changes win over pulled ones', () => {
  let t: TestApp
  let mirror: LocalMirror
  const value = () =>
    t.app.local.sql
      .prepare(`SELECT value_milli FROM readings WHERE meter_id = 1 AND period = '2026-11'`)
      .pluck()
      .get()

  beforeEach(async () => {
    t = await buildTestApp()
    insertAccounts(t.app.local.sql, [anAccount({ id: 1 })])
    insertMeters(t.app.local.sql, [aMeter({ id: 1, accountId: 1 })])
    insertReadings(t.app.local.sql, 1, { '2026-10': 100 })
    mirror = new LocalMirror(t.app.local.sql)
    const clerk = await t.tokenFor('clerk')
    await t.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: '2026-11-02',
        source: 'paper',
        values: [{ meterId: 1, value: '104', confirmed: [] }],
      },
      clerk,
    )
  })
  afterEach(() => t.dispose())

  it('keeps the console’s own reading while its command waits, whatever the feed brings', () => {
    expect(mirror.apply([centralReading(103_000, 5)])).toBe(0)
    expect(mirror.apply([centralReading(103_000, 6)], { force: true })).toBe(0)
    expect(value()).toBe(104_000)
  })

  it('takes the central state once the central database has answered the command', () => {
    t.app.local.sql.prepare(`UPDATE outbox SET state = 'applied' WHERE command = 'readings.record'`).run()
    expect(mirror.apply([centralReading(103_000, 5)])).toBe(1)
    expect(value()).toBe(103_000)
  })

  it('never lets an older image of a row replace a newer one', () => {
    t.app.local.sql.prepare(`UPDATE outbox SET state = 'applied' WHERE command = 'readings.record'`).run()
    mirror.apply([centralReading(105_000, 7)])
    expect(mirror.apply([centralReading(103_000, 6)])).toBe(0)
    expect(value()).toBe(105_000)
  })
})
