import type { CalendarDate } from '../work-items/calendar-date'
import { dueClock, runningStatus } from '../work-items/due-clock'
import { addWorkingDays } from '../work-items/working-days'
import type { RequestState } from './request-states'

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

export type DueStatus = 'overdue' | 'dueSoon' | 'onTime' | 'paused'

/** Amber in the queue: due within this many working days. */
const DUE_SOON_WORKING_DAYS = 2

/**
 * When a request is due (docs/business-rules.md#closure-and-re-registration-requests): `allowance` working
 * days after it arrived (the regulation's 10 for every console), not counting the working days it spent
 * awaiting the subscriber's documents — the work items' one clock (`work-items/due-clock.ts`).
 */
export function requestDue(steps: RequestStep[], allowance: number, today: CalendarDate): RequestDue {
  const { dueOn, paused, pausedDays } = clock(steps, allowance, today)
  return { dueOn, paused, pausedDays }
}

/** Overdue in red, due within `soon` working days in amber (the queue's colours). */
export function dueStatus(due: RequestDue, today: CalendarDate, soon = DUE_SOON_WORKING_DAYS): DueStatus {
  return due.paused ? 'paused' : runningStatus(due.dueOn, today, 'workingDays', soon)
}

const clock = (steps: RequestStep[], allowance: number, today: CalendarDate) =>
  dueClock(
    steps.map((step) => ({ on: step.on, stops: step.state === 'awaiting_documents' })),
    allowance,
    today,
    'workingDays',
    DUE_SOON_WORKING_DAYS,
  )

/**
 * An inspector's visit has its own clock (docs/business-rules.md#closure-and-re-registration-requests):
 * due this many working days after the clerk sent for the inspector. The request's own clock keeps
 * running meanwhile: the wait is the utility's, not the subscriber's.
 */
export const VISIT_WORKING_DAYS = 5

/** The visit's due date while the request awaits it (the last step entered `awaiting_visit`), else null. */
export function visitDue(steps: RequestStep[]): CalendarDate | null {
  const last = steps.at(-1)
  return last?.state === 'awaiting_visit' ? addWorkingDays(last.on, VISIT_WORKING_DAYS) : null
}
