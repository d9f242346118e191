import { type CalendarDate, dateOf, dayNumber } from './calendar-date'

/**
 * Working days in Russia: Monday to Friday, less the federal non-working holidays (Labour Code,
 * art. 112). The government moves some days off each year by decree; those transfers are added per
 * year in `DAYS_OFF_BY_DECREE` as the decree comes out (they are not derivable).
 */
// prettier-ignore
const FEDERAL_HOLIDAYS = new Set([
  '01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08',
  '02-23', '03-08', '05-01', '05-09', '06-12', '11-04',
])

/** Extra days off (and working Saturdays) set by decree, YYYY-MM-DD. */
const DAYS_OFF_BY_DECREE = new Set<string>([
  // 2026 (Government decree on the transfer of days off in 2026).
  '2026-01-09',
  '2026-12-31',
])
const WORKING_BY_DECREE = new Set<string>([])

function workingDayNumber(day: number): boolean {
  const date = dateOf(day)
  if (WORKING_BY_DECREE.has(date)) return true
  if (DAYS_OFF_BY_DECREE.has(date) || FEDERAL_HOLIDAYS.has(date.slice(5))) return false
  const weekday = (day + 4) % 7
  return weekday !== 0 && weekday !== 6
}

export function isWorkingDay(date: CalendarDate): boolean {
  return workingDayNumber(dayNumber(date))
}

/** The date `count` working days after `date` (a request arriving on a Friday is due counting from Monday). */
export function addWorkingDays(date: CalendarDate, count: number): CalendarDate {
  let day = dayNumber(date)
  for (let left = count; left > 0;) {
    day += 1
    if (workingDayNumber(day)) left--
  }
  return dateOf(day)
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  let count = 0
  const last = dayNumber(to)
  for (let day = dayNumber(from) + 1; day <= last; day++) if (workingDayNumber(day)) count++
  return count
}
