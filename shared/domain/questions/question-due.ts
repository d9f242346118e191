import { moscowDate } from '../moscow-time'
import { clockRuns, isDone, type QuestionState } from './question-states'

/** A Moscow calendar date, 'YYYY-MM-DD'. */
export type CalendarDate = string

/** One recorded step of a question: the state it entered and when (an ISO instant). */
export interface QuestionStep {
  state: QuestionState
  at: string
}

export interface QuestionDue {
  /** When it is due; while the clock stands, the date it would be due if the subscriber wrote today. */
  dueOn: CalendarDate
  /** Calendar days from today to the due date (negative: overdue by that many). */
  daysLeft: number
  status: 'overdue' | 'dueSoon' | 'onTime' | 'paused' | 'done'
}

const DAY_MS = 86_400_000

/** Amber in the inbox: due within this many days. */
export const DUE_SOON_DAYS = 3

/** Dates are compared and counted as UTC midnights: a calendar date has no time zone of its own. */
const dayNumber = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10)
export const daysBetween = (from: CalendarDate, to: CalendarDate) => dayNumber(to) - dayNumber(from)

/** A running clock's colour: red when overdue, amber within `soon` days. */
export function runningStatus(daysLeft: number, soon = DUE_SOON_DAYS): 'overdue' | 'dueSoon' | 'onTime' {
  return daysLeft < 0 ? 'overdue' : daysLeft <= soon ? 'dueSoon' : 'onTime'
}

/**
 * When a question is due (docs/business-rules.md#subscribers-questions): `dueDays` calendar days after the
 * Moscow date it arrived, plus the days the clock stood still — from the day it went to the subscriber
 * (waiting) or was done, to the day the subscriber wrote again. Moscow has kept UTC+3 all year since 2014, so
 * a Moscow date never jumps an hour; `moscowDate` says which day an instant falls on there. `steps` are in
 * order; the first is the arrival. Amber within `soon` days.
 */
export function questionDue(
  steps: QuestionStep[],
  dueDays: number,
  now: Date,
  soon = DUE_SOON_DAYS,
): QuestionDue {
  const today = moscowDate(now)
  const arrived = steps[0] ? moscowDate(new Date(steps[0].at)) : today
  let pausedDays = 0
  let stoppedOn: CalendarDate | null = null
  for (const step of steps) {
    const on = moscowDate(new Date(step.at))
    if (!clockRuns(step.state)) stoppedOn ??= on
    else if (stoppedOn !== null) {
      // Never negative: a console's clock a little behind the central one must not move the date back.
      pausedDays += Math.max(0, daysBetween(stoppedOn, on))
      stoppedOn = null
    }
  }
  const last = steps.at(-1)?.state ?? 'new'
  if (stoppedOn !== null) pausedDays += Math.max(0, daysBetween(stoppedOn, today))
  const dueOn = addDays(arrived, dueDays + pausedDays)
  const daysLeft = daysBetween(today, dueOn)
  const status = isDone(last) ? 'done' : stoppedOn !== null ? 'paused' : runningStatus(daysLeft, soon)
  return { dueOn, daysLeft, status }
}
