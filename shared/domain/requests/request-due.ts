import { clockRuns, type RequestState } from './request-states'
import { addWorkingDays, type CalendarDate, workingDaysBetween } from './working-days'

/** One recorded step of a request: the state it entered and when (Moscow calendar date). */
export interface RequestStep {
  state: RequestState
  on: CalendarDate
}

export interface RequestDue {
  /** The date it is due; while paused, the date it would be due if the documents came today. */
  dueOn: CalendarDate
  paused: boolean
  /** Working days the clock stood still while the subscriber owed documents. */
  pausedDays: number
}

/**
 * When a request is due (docs/business-rules.md#closure-and-re-registration-requests): `allowance` working
 * days after it arrived (the regulation's 10 for every console), not counting the working days it spent
 * awaiting the subscriber's documents. `steps` are in order, the first being the arrival (state `new`).
 */
export function requestDue(steps: RequestStep[], allowance: number, today: CalendarDate): RequestDue {
  const arrived = steps[0]?.on ?? today
  let pausedDays = 0
  let pausedSince: CalendarDate | null = null
  for (const step of steps) {
    if (!clockRuns(step.state) && step.state === 'awaiting_documents') pausedSince ??= step.on
    else if (pausedSince !== null) {
      pausedDays += workingDaysBetween(pausedSince, step.on)
      pausedSince = null
    }
  }
  const paused = pausedSince !== null
  if (paused) pausedDays += workingDaysBetween(pausedSince!, today)
  return { dueOn: addWorkingDays(arrived, allowance + pausedDays), paused, pausedDays }
}

export type DueStatus = 'overdue' | 'dueSoon' | 'onTime' | 'paused'

/** Overdue in red, due within `soon` working days in amber (the queue's colours). */
export function dueStatus(due: RequestDue, today: CalendarDate, soon = 2): DueStatus {
  if (due.paused) return 'paused'
  if (today > due.dueOn) return 'overdue'
  return workingDaysBetween(today, due.dueOn) <= soon ? 'dueSoon' : 'onTime'
}
