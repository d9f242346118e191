import { LAST_ON_TIME_DAY } from './billing-period'
import { shiftPeriod, type Period } from './period'

/**
 * The last Moscow day a period collects readings on time (docs/business-rules.md#meter-readings):
 * the 2nd of the next month. December 2026 collects until 2 January 2027.
 */
export function collectsUntil(period: Period): string {
  return `${shiftPeriod(period, 1)}-${String(LAST_ON_TIME_DAY).padStart(2, '0')}`
}

/** Whether a period still collects readings on `today` (a Moscow date, 'YYYY-MM-DD'). */
export function stillCollecting(period: Period, today: string): boolean {
  return today <= collectsUntil(period)
}

export type ClosingRefusal =
  | { code: 'PERIOD_STILL_COLLECTING'; period: Period; until: string }
  | { code: 'INVALID_INPUT'; fields: 'reason' }

/**
 * Whether a supervisor may close or reopen a period as of `today` (the day the command was made, in
 * Moscow), decided alike on the console and the service. Reopening needs a reason; so does closing a
 * period that still collects readings, which is closing early: every reading it would still have taken
 * then goes to the next period, late.
 */
export function closingRefusal(
  change: { period: Period; closed: boolean; reason: string | null },
  today: string,
): ClosingRefusal | null {
  const reason = change.reason?.trim() ?? ''
  if (!change.closed) return reason ? null : { code: 'INVALID_INPUT', fields: 'reason' }
  if (stillCollecting(change.period, today) && !reason)
    return { code: 'PERIOD_STILL_COLLECTING', period: change.period, until: collectsUntil(change.period) }
  return null
}
