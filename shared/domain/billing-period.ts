import { moscowDate } from './moscow-time'
import { shiftPeriod, type Period } from './period'

/**
 * docs/business-rules.md#meter-readings: a reading received on or before the 2nd (23:59 Moscow time) of month
 * P counts for period P; one received later counts for P+1 — the normal course, not lateness. For paper
 * forms the date that counts is the form's received stamp, not the day it was typed in. A period is
 * closed when its register went to billing: a reading whose period is closed goes to the next open one
 * and is marked late (it could not affect the bill it was meant for).
 */
export const LAST_ON_TIME_DAY = 2

export interface PeriodAssignment {
  period: Period
  late: boolean
}

/** Whether billing already has a period's register (closed periods are few: a set or a look-up). */
export type IsClosed = (period: Period) => boolean
const NOTHING_CLOSED: IsClosed = () => false

export function assignPeriod(receivedAt: Date, isClosed: IsClosed = NOTHING_CLOSED): PeriodAssignment {
  return assignPeriodForMoscowDate(moscowDate(receivedAt), isClosed)
}

/** The same rule for a calendar date already in Moscow time ('YYYY-MM-DD'), e.g. a form's stamp. */
export function assignPeriodForMoscowDate(
  date: string,
  isClosed: IsClosed = NOTHING_CLOSED,
): PeriodAssignment {
  const month = date.slice(0, 7)
  const day = Number(date.slice(8, 10))
  const natural = day <= LAST_ON_TIME_DAY ? month : shiftPeriod(month, 1)
  return firstOpenPeriod(natural, isClosed)
}

/** The period itself when open; otherwise the next open one, late. */
export function firstOpenPeriod(period: Period, isClosed: IsClosed): PeriodAssignment {
  let open = period
  // Closed periods are consecutive months behind the current one: a few steps at most.
  for (let guard = 0; isClosed(open) && guard < 1200; guard++) open = shiftPeriod(open, 1)
  return { period: open, late: open !== period }
}

/** A form stamped longer ago than this is probably a typo in the date (docs/business-rules.md#meter-readings). */
export const STALE_STAMP_DAYS = 45

/** Whether a stamp ('YYYY-MM-DD') is more than STALE_STAMP_DAYS before `today` (both Moscow dates). */
export function isStaleStamp(stamp: string, today: string): boolean {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${stamp}T00:00:00Z`)) / 86_400_000
  return days > STALE_STAMP_DAYS
}
