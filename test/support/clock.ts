import { moscowDate } from '@shared/domain/moscow-time'
import { shiftPeriod } from '@shared/domain/period'
import type { Clock } from '../../src-main/clock'

/**
 * Where every console clock of a test run starts: 24 November 2026, 12:00 Moscow time, unless the run
 * is pinned elsewhere with TEST_CLOCK (an ISO instant; `npm run test:dates` runs the date-bound
 * suites at the month's 2nd 23:59 and 3rd 00:00, a month end, the year end and 29 February).
 */
export const TEST_CLOCK_START = process.env.TEST_CLOCK ?? '2026-11-24T09:00:00.000Z'

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date(TEST_CLOCK_START)) {}
  now(): Date {
    return new Date(this.current)
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

/**
 * The central service's clock in tests: the real time, moved ahead with the consoles' clocks when a
 * test lives through hours in a second (a command's time is held against it).
 */
export class AdvancingClock {
  private aheadMs = 0
  now(): Date {
    return new Date(Date.now() + this.aheadMs)
  }
  advance(ms: number): void {
    this.aheadMs += ms
  }
}

/**
 * The billing month `monthsBack` months before the one the pinned clock stands in (Moscow time), for
 * data a test arranges "last month": literal months fall outside what a console copies once the
 * pinned clock moves a year on (`npm run test:dates`).
 */
export function monthBeforeTestClock(monthsBack: number): string {
  return shiftPeriod(moscowDate(new Date(TEST_CLOCK_START)).slice(0, 7), -monthsBack)
}
