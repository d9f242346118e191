import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assignPeriod,
  assignPeriodForMoscowDate,
  firstOpenPeriod,
  isStaleStamp,
} from '@shared/domain/billing-period'
import { periodIndex } from '@shared/domain/period'

/** An instant given in Moscow wall-clock time (UTC+3, no daylight saving since 2014). */
const moscow = (wallClock: string) => new Date(`${wallClock}+03:00`)

describe('late readings: the 2nd-of-the-month rule in Moscow time', () => {
  it('counts a reading received on the 2nd at 23:59 Moscow time for that month, on time', () => {
    expect(assignPeriod(moscow('2026-03-02T23:59:59'))).toEqual({ period: '2026-03', late: false })
  })

  it('counts one received at 00:00 on the 3rd for the next month, late', () => {
    expect(assignPeriod(moscow('2026-03-03T00:00:00'))).toEqual({ period: '2026-04', late: false })
  })

  it('uses Moscow time, not UTC: 22:30 UTC on the 2nd is already the 3rd in Moscow', () => {
    expect(assignPeriod(new Date('2026-03-02T22:30:00Z'))).toEqual({ period: '2026-04', late: false })
    expect(assignPeriod(new Date('2026-03-02T20:59:00Z'))).toEqual({ period: '2026-03', late: false })
  })

  it('moves a late December reading into January of the next year', () => {
    expect(assignPeriod(moscow('2026-12-15T12:00:00'))).toEqual({ period: '2027-01', late: false })
    expect(assignPeriodForMoscowDate('2026-12-31')).toEqual({ period: '2027-01', late: false })
  })

  it('counts a form stamped on the 2nd for that month whatever day it is typed in', () => {
    expect(assignPeriodForMoscowDate('2026-11-02')).toEqual({ period: '2026-11', late: false })
  })

  it('always assigns the month received or the next one, after the 2nd the next; never late while nothing is closed', () => {
    fc.assert(
      fc.property(
        // Moscow has kept UTC+3 since 26 October 2014 (it was UTC+4 from 2011): the wall clock below
        // is UTC+3, so the instants are from 2015 on — a random 2012 date made this test flaky.
        fc.date({
          min: new Date('2015-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const wall = new Date(instant.getTime() + 3 * 3_600_000)
          const received = `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}`
          const { period, late } = assignPeriod(instant)
          expect(late).toBe(false)
          expect(periodIndex(period) - periodIndex(received)).toBe(wall.getUTCDate() > 2 ? 1 : 0)
        },
      ),
    )
  })

  it('never lets a later receipt count for an earlier period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }),
        fc.integer({ min: 0, max: 90 * 86_400_000 }),
        (t, gap) => {
          const first = assignPeriod(new Date(t))
          const second = assignPeriod(new Date(t + gap))
          expect(periodIndex(second.period)).toBeGreaterThanOrEqual(periodIndex(first.period))
        },
      ),
    )
  })
})

describe('a stale stamp: more than 45 days before today', () => {
  it('warns from the 46th day, across months and years', () => {
    expect(isStaleStamp('2026-10-15', '2026-11-29')).toBe(false)
    expect(isStaleStamp('2026-10-14', '2026-11-29')).toBe(true)
    expect(isStaleStamp('2025-12-20', '2026-02-03')).toBe(false)
    expect(isStaleStamp('2026-02-28', '2026-11-29')).toBe(true)
  })
})

describe('late means the period was already closed (docs/business-rules.md#meter-readings, corrected)', () => {
  it('a reading received on the 25th is simply next month’s, not late', () => {
    expect(assignPeriodForMoscowDate('2026-11-25')).toEqual({ period: '2026-12', late: false })
  })

  it('goes to the next open period, late, when its own period was closed', () => {
    const closed = new Set(['2026-11', '2026-12'])
    expect(assignPeriodForMoscowDate('2026-11-02', (p) => closed.has(p))).toEqual({
      period: '2027-01',
      late: true,
    })
    expect(assignPeriodForMoscowDate('2026-11-10', (p) => closed.has(p))).toEqual({
      period: '2027-01',
      late: true,
    })
    expect(assignPeriodForMoscowDate('2026-12-10', (p) => closed.has(p))).toEqual({
      period: '2027-01',
      late: false,
    })
    expect(firstOpenPeriod('2027-01', (p) => closed.has(p))).toEqual({ period: '2027-01', late: false })
  })
})
