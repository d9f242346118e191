import { moscowDate } from './moscow-time'
import { shiftPeriod, type Period } from './period'

/**
 * DOMAIN.md, "Meter readings": a reading received on or before the 2nd (23:59 Moscow time) of month
 * P counts for period P; one received later counts for P+1 and is marked late. For paper forms the
 * date that counts is the form's received stamp, not the day it was typed in.
 */
export const LAST_ON_TIME_DAY = 2

export interface PeriodAssignment {
  period: Period
  late: boolean
}

export function assignPeriod(receivedAt: Date): PeriodAssignment {
  return assignPeriodForMoscowDate(moscowDate(receivedAt))
}

/** The same rule for a calendar date already in Moscow time ('YYYY-MM-DD'), e.g. a form's stamp. */
export function assignPeriodForMoscowDate(date: string): PeriodAssignment {
  const month = date.slice(0, 7)
  const day = Number(date.slice(8, 10))
  return day <= LAST_ON_TIME_DAY
    ? { period: month, late: false }
    : { period: shiftPeriod(month, 1), late: true }
}

/** A form stamped longer ago than this is probably a typo in the date (issue: paper-form entry). */
export const STALE_STAMP_DAYS = 45

/** Whether a stamp ('YYYY-MM-DD') is more than STALE_STAMP_DAYS before `today` (both Moscow dates). */
export function isStaleStamp(stamp: string, today: string): boolean {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${stamp}T00:00:00Z`)) / 86_400_000
  return days > STALE_STAMP_DAYS
}
