import { completionDateProblem, type DateProblem } from './completion-rules'
import type { MeterLastReading } from './final-readings'
import { REQUEST_KIND_RULES, type CompletionEffect, type RequestKind } from './kinds'
import type { KindAsked, KindRefusal } from './kinds/request-kind'
import { canMove, type RequestState } from './request-states'

/**
 * Whether an approved request may be completed, decided once for the console and the central service
 * (docs/business-rules.md#closure-and-re-registration-requests). The core checks what every kind shares
 * (the state, the date, the account); the kind's rules (`kinds/`) check the rest and name the effect.
 * Each side loads these facts from its own database (the service with the request and the account
 * locked) and writes the effect itself.
 */
export interface CompletionFacts {
  kind: RequestKind
  state: RequestState
  /** When the request was filed (ISO): final readings count from the 7 days before it. */
  submittedAt: string
  /** The account the request names, or null when this database does not know it. */
  account: { status: 'active' | 'closed' } | null
  /** The account's active meters, each with its latest reading. */
  meters: MeterLastReading[]
}

export type CompletionRefusal =
  | { code: 'REQUEST_ALREADY_MOVED' }
  | { code: 'COMPLETION_DATE'; problem: DateProblem }
  | { code: 'UNKNOWN_ACCOUNT' }
  | { code: 'ACCOUNT_ALREADY_CLOSED' }
  | KindRefusal

export type CompletionDecision = { refusal: CompletionRefusal } | CompletionEffect<RequestKind>

/** `today` is the Moscow date on which the person completed it (when it was made, not when it arrived). */
export function decideCompletion(
  facts: CompletionFacts,
  asked: KindAsked,
  today: string,
): CompletionDecision {
  const rules = REQUEST_KIND_RULES[facts.kind]
  if (!canMove(facts.state, 'completed', rules)) return { refusal: { code: 'REQUEST_ALREADY_MOVED' } }
  const dateProblem = completionDateProblem(asked.on, today)
  if (dateProblem) return { refusal: { code: 'COMPLETION_DATE', problem: dateProblem } }
  if (!facts.account) return { refusal: { code: 'UNKNOWN_ACCOUNT' } }
  if (facts.account.status === 'closed') return { refusal: { code: 'ACCOUNT_ALREADY_CLOSED' } }
  return rules.decide({ submittedAt: facts.submittedAt, meters: facts.meters, today }, asked)
}
