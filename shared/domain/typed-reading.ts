import { checkReading, type Finding, type ReadingCheckInput } from './reading-checks'
import { parseReadingValue, type ReadingValueProblem } from './reading-value'
import type { ReadingFormContext } from '../contract/channels/readings'

export type TypedReadingContext = Omit<ReadingCheckInput, 'valueMilli'>

/** The checks' context for one meter of a form, from what the main process answered about its account. */
export function formReadingContext(
  context: ReadingFormContext,
  meter: ReadingFormContext['meters'][number],
  receivedOn: string,
): TypedReadingContext {
  return {
    accountStatus: context.account.status,
    houseType: context.account.houseType,
    meter,
    previousMilli: meter.previousMilli,
    recentConsumptionMilli: meter.recentConsumptionMilli,
    existingForPeriodMilli: meter.existingForPeriodMilli,
    receivedOn,
  }
}

export type TypedReadingCheck =
  | { problem: ReadingValueProblem }
  | { valueMilli: number; findings: Finding[]; consumptionMilli: number | null }

/**
 * A value as typed, parsed and checked against its meter's past: the one sequence the entry
 * screens run for instant feedback and the main process runs again before saving.
 */
export function checkTypedReading(text: string, context: TypedReadingContext): TypedReadingCheck {
  const parsed = parseReadingValue(text, context.meter.digits)
  if ('problem' in parsed) return parsed
  return { valueMilli: parsed.milli, ...checkReading({ ...context, valueMilli: parsed.milli }) }
}
