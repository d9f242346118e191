import { checkReading, type Finding, type ReadingCheckInput } from './reading-checks'
import { parseReadingValue, type ReadingValueProblem } from './reading-value'

export type TypedReadingContext = Omit<ReadingCheckInput, 'valueMilli'>

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
