import { moscowDate } from '../moscow-time'
import type { CalendarDate } from '../work-items/calendar-date'
import { daysOf, dueClock, runningStatus } from '../work-items/due-clock'
import { clockRuns, isDone, type QuestionState } from './question-states'

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

/** Amber in the inbox: due within this many days. */
export const DUE_SOON_DAYS = 3

/** Calendar days from one Moscow date to another (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate) => daysOf('calendarDays', from, to)

/** A question's running clock colour, from its due date. */
export const questionRunningStatus = (dueOn: CalendarDate, today: CalendarDate, soon = DUE_SOON_DAYS) =>
  runningStatus(dueOn, today, 'calendarDays', soon)

/**
 * When a question is due (docs/business-rules.md#subscribers-questions): `dueDays` calendar days after the
 * Moscow date it arrived, plus the days the clock stood still — from the day it went to the subscriber
 * (waiting) or was done, to the day the subscriber wrote again — on the work items' one clock
 * (`work-items/due-clock.ts`). Moscow has kept UTC+3 all year since 2014, so a Moscow date never jumps an
 * hour; `moscowDate` says which day an instant falls on there. Amber within `soon` days.
 */
export function questionDue(
  steps: QuestionStep[],
  dueDays: number,
  now: Date,
  soon = DUE_SOON_DAYS,
): QuestionDue {
  const clock = dueClock(
    steps.map((step) => ({ on: moscowDate(new Date(step.at)), stops: !clockRuns(step.state) })),
    dueDays,
    moscowDate(now),
    'calendarDays',
    soon,
  )
  const last = steps.at(-1)?.state ?? 'new'
  return { dueOn: clock.dueOn, daysLeft: clock.daysLeft, status: isDone(last) ? 'done' : clock.status }
}
