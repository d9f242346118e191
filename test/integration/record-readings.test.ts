import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { moscowDate } from '@shared/domain/moscow-time'
import type { FindingCode } from '@shared/domain/reading-checks'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, tableCounts, type TestApp } from '../support/test-app'

describe('recording a reading form', () => {
  let t: TestApp
  let clerk: string
  beforeEach(async () => {
    t = await buildTestApp()
    clerk = await t.tokenFor('clerk')
    insertAccounts(t.app.local.sql, [
      anAccount({ id: 1, number: '40000001' }),
      anAccount({ id: 2, number: '40000002', status: 'closed' }),
    ])
    t.app.local.sql
      .exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 1, 'СВ-2', 'ванная', '2018-01-01', '2024-01-01', 5, 'active'),
      (3, 2, 'СВ-3', 'кухня', '2020-01-01', '2030-01-01', 5, 'removed')`)
    t.app.local.sql.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-08', 90000, '2026-08-01T09:00:00Z', 'web'), (1, '2026-09', 95000, '2026-09-01T09:00:00Z', 'web'),
      (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web'), (2, '2026-10', 99998000, '2026-10-01T09:00:00Z', 'web')`)
  })
  afterEach(() => t.dispose())

  const form = (
    values: { meterId: number; value: string; confirmed?: FindingCode[]; replaceReason?: string }[],
    receivedOn = '2026-11-02',
  ) => ({
    accountNumber: '40000001',
    receivedOn,
    source: 'paper' as const,
    values: values.map((v) => ({ confirmed: [], ...v })),
  })

  it('saves a form stamped on the 2nd for that month and writes reading, audit and outbox together', async () => {
    const before = tableCounts(t.app)
    const result = await t.call(
      'readings.record',
      form([
        { meterId: 1, value: '105,5' },
        { meterId: 2, value: '2', confirmed: ['rollOver'] },
      ]),
      clerk,
    )
    expect(result).toEqual({
      period: '2026-11',
      late: false,
      saved: [
        { meterId: 1, valueMilli: 105_500, consumptionMilli: 5_500, flags: [], replacedMilli: null },
        {
          meterId: 2,
          valueMilli: 2_000,
          consumptionMilli: 4_000,
          flags: ['rollOver', 'verificationOverdue'],
          replacedMilli: null,
        },
      ],
    })
    const after = tableCounts(t.app)
    expect(after.readings - before.readings).toBe(2)
    expect(after.audit_log - before.audit_log).toBe(2)
    expect(after.outbox - before.outbox).toBe(1)
  })

  it('counts a form stamped on the 3rd for the next period, not late; late only when that period is closed', async () => {
    const result = await t.call('readings.record', form([{ meterId: 1, value: '105' }], '2026-11-03'), clerk)
    expect(result).toMatchObject({ period: '2026-12', late: false })
    // Closed early where the pinned clock still has them collecting: the reason says so.
    const early = { closed: true, reason: 'биллинг попросил реестр раньше' }
    await t.call('readings.setPeriodClosed', { period: '2026-11', ...early }, t.supervisorToken)
    await t.call('readings.setPeriodClosed', { period: '2026-12', ...early }, t.supervisorToken)
    const afterClosing = await t.call(
      'readings.record',
      form([{ meterId: 2, value: '99999' }], '2026-11-02'),
      clerk,
    )
    expect(afterClosing).toMatchObject({ period: '2027-01', late: true })
    const overview = await t.call('readings.periodOverview', { period: '2027-01' }, t.supervisorToken)
    expect(overview.attention.map((row) => [row.serial, row.late])).toEqual([['СВ-2', true]])
  })

  it('refuses, changing nothing: a lower value, an unconfirmed warning, an unknown or closed account, a bad value', async () => {
    const before = tableCounts(t.app)
    expect(await t.refused('readings.record', form([{ meterId: 1, value: '99' }]), clerk)).toEqual({
      code: 'READING_REFUSED',
      params: { meterId: 1, code: 'lowerThanPrevious' },
    })
    expect(
      await t.refused(
        'readings.record',
        form([
          { meterId: 1, value: '105' },
          { meterId: 2, value: '2' },
        ]),
        clerk,
      ),
    ).toEqual({
      code: 'READING_NEEDS_CONFIRMATION',
      params: { meterId: 2, code: 'rollOver' },
    })
    expect(await t.refused('readings.record', form([{ meterId: 1, value: '160' }]), clerk)).toEqual({
      code: 'READING_NEEDS_CONFIRMATION',
      params: { meterId: 1, code: 'spike' },
    })
    expect(
      await t.refused(
        'readings.record',
        { ...form([{ meterId: 1, value: '1' }]), accountNumber: '49999999' },
        clerk,
      ),
    ).toEqual({
      code: 'UNKNOWN_ACCOUNT',
      params: { number: '49999999' },
    })
    expect(
      await t.refused(
        'readings.record',
        { ...form([{ meterId: 3, value: '1' }]), accountNumber: '40000002' },
        clerk,
      ),
    ).toEqual({
      code: 'READING_REFUSED',
      params: { code: 'accountClosed' },
    })
    expect(await t.refused('readings.record', form([{ meterId: 1, value: '105,1234' }]), clerk)).toEqual({
      code: 'INVALID_READING_VALUE',
      params: { meterId: 1, problem: 'tooManyDecimals' },
    })
    // The day after the console's (pinned) day, whatever day the run is pinned at.
    const tomorrow = moscowDate(new Date(t.clock.now().getTime() + 86_400_000))
    expect(await t.refused('readings.record', form([{ meterId: 1, value: '105' }], tomorrow), clerk)).toEqual(
      {
        code: 'RECEIVED_IN_FUTURE',
        params: { date: tomorrow },
      },
    )
    expect(tableCounts(t.app)).toEqual(before)
  })

  it('shows the existing reading of the period, and replaces it only with a reason, audited', async () => {
    await t.call('readings.record', form([{ meterId: 1, value: '105' }]), clerk)
    const context = await t.call(
      'readings.formContext',
      { accountNumber: '40000001', receivedOn: '2026-11-01' },
      clerk,
    )
    expect(context.meters.find((m) => m.id === 1)).toMatchObject({
      existingForPeriodMilli: 105_000,
      previousMilli: 100_000,
      previousPeriod: '2026-10',
      recentConsumptionMilli: [5_000, 5_000],
    })
    expect(
      await t.refused(
        'readings.record',
        form([{ meterId: 1, value: '106', confirmed: ['duplicateForPeriod'] }]),
        clerk,
      ),
    ).toEqual({
      code: 'REPLACE_NEEDS_REASON',
      params: { meterId: 1, existingMilli: 105_000 },
    })
    await t.call(
      'readings.record',
      form([
        { meterId: 1, value: '106', confirmed: ['duplicateForPeriod'], replaceReason: 'опечатка на бланке' },
      ]),
      clerk,
    )
    const audit = t.app.local.sql
      .prepare(
        `SELECT before_json, after_json FROM audit_log WHERE entity = 'reading' ORDER BY id DESC LIMIT 1`,
      )
      .get() as { before_json: string; after_json: string }
    expect(JSON.parse(audit.before_json)).toEqual({ valueMilli: 105_000 })
    expect(JSON.parse(audit.after_json)).toMatchObject({
      valueMilli: 106_000,
      replaceReason: 'опечатка на бланке',
    })
  })
})
