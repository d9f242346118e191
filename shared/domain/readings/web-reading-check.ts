import { consumptionMilli } from '../consumption'
import type { FindingCode, Severity } from '../reading-checks'
import { decideReading } from '../reading-decision'
import { checkTypedReading } from '../typed-reading'
import type { PeriodAssignment } from '../billing-period'
import { moscowDate } from '../moscow-time'

/**
 * A reading a subscriber sent through the website, checked by the same rules as a paper form or a
 * phone call (docs/business-rules.md#meter-readings), decided once for the console and the central
 * service: the console for its immediate answer, the service again on what PostgreSQL holds, so the
 * value written is always the subscriber's text read by these rules, never what a console reported.
 */
export type WebReadingFinding = FindingCode | 'unknownAccount' | 'unknownMeter' | 'badValue'

/** How many past periods' consumption the checks look at (the average and zero streaks). */
export const RECENT_PERIODS = 3

export interface MeterPast {
  previousMilli: number | null
  previousPeriod: string | null
  recentConsumptionMilli: number[]
  existingForPeriodMilli: number | null
}

/**
 * A meter's past relative to a period, from its readings before that period (newest first, at most
 * RECENT_PERIODS + 1 of them) and the one already saved for the period, if any. A meter put into
 * service after a replacement or a verification has no reading before its first: its first is
 * compared with the reading it was sealed at (`initialMilli`), never with the meter it replaced
 * (docs/business-rules.md#closure-and-re-registration-requests).
 */
export function meterPast(
  before: readonly { period: string; valueMilli: number }[],
  existingForPeriodMilli: number | null,
  digits: number,
  initialMilli: number | null = null,
): MeterPast {
  const recent = before
    .slice(0, -1)
    .map((reading, i) => consumptionMilli(before[i + 1]!.valueMilli, reading.valueMilli, digits))
  return {
    previousMilli: before[0]?.valueMilli ?? initialMilli,
    previousPeriod: before[0]?.period ?? null,
    recentConsumptionMilli: recent,
    existingForPeriodMilli,
  }
}

export interface WebReadingFacts {
  valueText: string
  submittedAt: string
  /** The period by when the website received it, among the periods still open (`assignPeriod`). */
  assigned: PeriodAssignment
  account: { status: 'active' | 'closed'; houseType: 'mkd' | 'private' } | null
  meter: { id: number; digits: number; status: 'active' | 'removed'; verificationDue: string } | null
  /** The meter's past relative to `assigned.period`; null when the meter is unknown. */
  past: MeterPast | null
}

export interface WebReadingEvaluation {
  period: string
  late: boolean
  findings: { code: WebReadingFinding; severity: Severity }[]
  reading: { meterId: number; valueMilli: number; replacedMilli: number | null } | null
}

export function evaluateWebReading(facts: WebReadingFacts): WebReadingEvaluation {
  const { period, late } = facts.assigned
  const refused = (code: 'unknownAccount' | 'unknownMeter' | 'badValue'): WebReadingEvaluation => ({
    period,
    late,
    findings: [{ code, severity: 'error' }],
    reading: null,
  })
  if (!facts.account) return refused('unknownAccount')
  if (!facts.meter || !facts.past) return refused('unknownMeter')
  const checked = checkTypedReading(facts.valueText, {
    accountStatus: facts.account.status,
    houseType: facts.account.houseType,
    meter: facts.meter,
    previousMilli: facts.past.previousMilli,
    recentConsumptionMilli: facts.past.recentConsumptionMilli,
    existingForPeriodMilli: facts.past.existingForPeriodMilli,
    receivedOn: moscowDate(new Date(facts.submittedAt)),
  })
  if ('problem' in checked) return refused('badValue')
  return {
    period,
    late,
    findings: checked.findings,
    reading: {
      meterId: facts.meter.id,
      valueMilli: checked.valueMilli,
      replacedMilli: facts.past.existingForPeriodMilli,
    },
  }
}

/** The flags a saved web reading carries: what was found, less the duplicate (a replacement, not a flag). */
export const webReadingFlags = (evaluation: WebReadingEvaluation): WebReadingFinding[] =>
  evaluation.findings.filter((f) => f.code !== 'duplicateForPeriod').map((f) => f.code)

/**
 * On arrival: accepted when nothing but flags (late, overdue verification) is found and nothing is
 * replaced; otherwise a person reviews it.
 */
export function decideWebCheck(evaluation: WebReadingEvaluation): 'accepted' | 'review' {
  return evaluation.reading && decideReading(evaluation.findings, [], null).kind === 'accepted'
    ? 'accepted'
    : 'review'
}

export type WebReviewOutcome =
  /** `finding`: the check that refused it (an error finding, or `badValue`). */
  | { refusal: 'READING_REFUSED'; finding: string }
  | { refusal: 'REPLACE_NEEDS_REASON'; existingMilli: number | null }
  | { refusal: 'INVALID_INPUT'; fields: 'reason' }
  | { state: 'accepted'; reading: NonNullable<WebReadingEvaluation['reading']> }
  | { state: 'rejected' }

/**
 * A person's decision on a reading under review. Accepting confirms every warning the reviewer was
 * shown; an error (lower than the previous reading, unknown meter…) can only be rejected, and a
 * rejection needs the reason the subscriber will be told.
 */
export function decideWebReview(
  evaluation: WebReadingEvaluation,
  decision: 'accept' | 'reject',
  reason: string | null,
): WebReviewOutcome {
  if (decision === 'reject')
    return reason?.trim() ? { state: 'rejected' } : { refusal: 'INVALID_INPUT', fields: 'reason' }
  const warnings = evaluation.findings.filter((f) => f.severity === 'warning').map((f) => f.code)
  const decided = decideReading(evaluation.findings, warnings, reason)
  if (decided.kind === 'refused' || !evaluation.reading)
    return { refusal: 'READING_REFUSED', finding: decided.kind === 'refused' ? decided.code : 'badValue' }
  if (decided.kind === 'needsReason')
    return { refusal: 'REPLACE_NEEDS_REASON', existingMilli: evaluation.reading.replacedMilli }
  return { state: 'accepted', reading: evaluation.reading }
}
