import { type CalendarDate, dateOf, dayNumber } from './calendar-date'
import { addWorkingDays, workingDaysBetween } from './working-days'

/**
 * How a kind of work item counts its allowance (docs/business-rules.md#closure-and-re-registration-requests,
 * docs/business-rules.md#subscribers-questions): requests in Russian working days, questions in calendar days.
 */
export type CalendarPolicy = 'workingDays' | 'calendarDays'

/** One recorded step: the day it was entered, and whether the clock stands still from then on. */
export interface ClockStep {
  on: CalendarDate
  stops: boolean
}

export interface Due {
  /** The date it is due; while the clock stands, the date it would be due if it ran again today. */
  dueOn: CalendarDate
  paused: boolean
  /** Days (of the policy) the clock stood still. */
  pausedDays: number
  /** Days (of the policy) from today to the due date; negative when overdue by that many. */
  daysLeft: number
  status: 'overdue' | 'dueSoon' | 'onTime' | 'paused'
}

/** Days of the policy after `from` up to `to`; negative when `to` is before `from`. */
export function daysOf(policy: CalendarPolicy, from: CalendarDate, to: CalendarDate): number {
  if (policy === 'calendarDays') return dayNumber(to) - dayNumber(from)
  return to >= from ? workingDaysBetween(from, to) : -workingDaysBetween(to, from)
}

const addOf = (policy: CalendarPolicy, date: CalendarDate, count: number) =>
  policy === 'calendarDays' ? dateOf(dayNumber(date) + count) : addWorkingDays(date, count)

/**
 * The one due clock of every work item: `allowance` days of the policy after the first step (the
 * arrival), not counting the days it stood still — from a step that stops it to the next that does
 * not, or to today. A stop is never negative: a console's clock a little behind the central one must
 * not move a due date back. Amber within `soon` days of the policy.
 */
export function dueClock(
  steps: ClockStep[],
  allowance: number,
  today: CalendarDate,
  policy: CalendarPolicy,
  soon: number,
): Due {
  const arrived = steps[0]?.on ?? today
  let pausedDays = 0
  let stoppedOn: CalendarDate | null = null
  for (const step of steps) {
    if (step.stops) stoppedOn ??= step.on
    else if (stoppedOn !== null) {
      pausedDays += Math.max(0, daysOf(policy, stoppedOn, step.on))
      stoppedOn = null
    }
  }
  const paused = stoppedOn !== null
  if (stoppedOn !== null) pausedDays += Math.max(0, daysOf(policy, stoppedOn, today))
  const dueOn = addOf(policy, arrived, allowance + pausedDays)
  const daysLeft = daysOf(policy, today, dueOn)
  const status = paused ? 'paused' : runningStatus(dueOn, today, policy, soon)
  return { dueOn, paused, pausedDays, daysLeft, status }
}

/** A running clock's colour: red when overdue, amber within `soon` days of the policy. */
export function runningStatus(
  dueOn: CalendarDate,
  today: CalendarDate,
  policy: CalendarPolicy,
  soon: number,
): 'overdue' | 'dueSoon' | 'onTime' {
  if (today > dueOn) return 'overdue'
  return daysOf(policy, today, dueOn) <= soon ? 'dueSoon' : 'onTime'
}
