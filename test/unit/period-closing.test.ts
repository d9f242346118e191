import { describe, expect, it } from 'vitest'
import { closingRefusal, collectsUntil, stillCollecting } from '@shared/domain/period-closing'

/** Closing a period early (docs/business-rules.md#meter-readings), at the days where the rule turns. */
describe('closing a billing period', () => {
  it('knows the last day each period collects readings: the 2nd of the next month', () => {
    expect(collectsUntil('2026-12')).toBe('2027-01-02')
    expect(collectsUntil('2028-01')).toBe('2028-02-02')
    expect(collectsUntil('2028-02')).toBe('2028-03-02')
  })

  it.each([
    ['2026-12', '2026-12-07', true],
    ['2026-12', '2027-01-02', true],
    ['2026-12', '2027-01-03', false],
    ['2026-11', '2026-11-30', true],
    ['2027-12', '2027-12-31', true],
    ['2027-12', '2028-01-01', true],
    ['2028-01', '2028-02-29', false],
    ['2028-02', '2028-02-29', true],
  ])('%s on %s still collecting: %s', (period, today, collecting) => {
    expect(stillCollecting(period, today)).toBe(collecting)
  })

  it('closes a period still collecting only with a reason, names the day it would have collected to', () => {
    expect(closingRefusal({ period: '2026-12', closed: true, reason: null }, '2026-12-07')).toEqual({
      code: 'PERIOD_STILL_COLLECTING',
      period: '2026-12',
      until: '2027-01-02',
    })
    expect(closingRefusal({ period: '2026-12', closed: true, reason: '   ' }, '2027-01-02')).toMatchObject({
      code: 'PERIOD_STILL_COLLECTING',
    })
    expect(closingRefusal({ period: '2026-12', closed: true, reason: 'биллинг просит' }, '2026-12-07')).toBe(
      null,
    )
    expect(closingRefusal({ period: '2026-12', closed: true, reason: null }, '2027-01-03')).toBe(null)
  })

  it('reopens only with a reason, whatever the day', () => {
    expect(closingRefusal({ period: '2026-11', closed: false, reason: null }, '2027-06-01')).toEqual({
      code: 'INVALID_INPUT',
      fields: 'reason',
    })
    expect(
      closingRefusal({ period: '2026-11', closed: false, reason: 'ошибка в реестре' }, '2027-06-01'),
    ).toBe(null)
  })
})
