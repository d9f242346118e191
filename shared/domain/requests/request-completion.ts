import {
  completionDateProblem,
  personNameProblem,
  type DateProblem,
  type NameProblem,
} from './completion-rules'
import { metersWithoutFinalReading, type MeterLastReading } from './final-readings'
import { canMove, type RequestKind, type RequestState } from './request-states'

/**
 * Whether an approved request may be completed, decided once for the console and the central service
 * (docs/business-rules.md#closure-and-re-registration-requests). Each side loads these facts from its
 * own database (the service with the request and the account locked) and writes the effect itself.
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

type OwnerName = { surname: string; firstName: string; patronymic?: string | null }

export interface CompletionAsked<O extends OwnerName> {
  /** The completion date the clerk chose (yyyy-mm-dd). */
  on: string
  newOwner: O | null
}

export type CompletionRefusal =
  | { code: 'REQUEST_ALREADY_MOVED' }
  | { code: 'COMPLETION_DATE'; problem: DateProblem }
  | { code: 'UNKNOWN_ACCOUNT' }
  | { code: 'ACCOUNT_ALREADY_CLOSED' }
  | { code: 'FINAL_READINGS_MISSING'; meters: string }
  | { code: 'NEW_OWNER_REQUIRED' }
  | { code: 'NEW_OWNER_NAME'; problem: NameProblem }

export type CompletionDecision<O extends OwnerName> =
  | { refusal: CompletionRefusal }
  | { effect: 'close' }
  /** `owner`: the new owner as asked, name checked. */
  | { effect: 'passToNewOwner'; owner: O }

/** `today` is the Moscow date on which the person completed it (when it was made, not when it arrived). */
export function decideCompletion<O extends OwnerName>(
  facts: CompletionFacts,
  asked: CompletionAsked<O>,
  today: string,
): CompletionDecision<O> {
  if (!canMove(facts.state, 'completed')) return { refusal: { code: 'REQUEST_ALREADY_MOVED' } }
  const dateProblem = completionDateProblem(asked.on, today)
  if (dateProblem) return { refusal: { code: 'COMPLETION_DATE', problem: dateProblem } }
  if (!facts.account) return { refusal: { code: 'UNKNOWN_ACCOUNT' } }
  if (facts.account.status === 'closed') return { refusal: { code: 'ACCOUNT_ALREADY_CLOSED' } }
  switch (facts.kind) {
    case 'closure': {
      const missing = readingsMissing(facts)
      if (missing) return missing
      return { effect: 'close' }
    }
    case 'reRegistration': {
      if (!asked.newOwner) return { refusal: { code: 'NEW_OWNER_REQUIRED' } }
      const problem = personNameProblem(asked.newOwner)
      if (problem) return { refusal: { code: 'NEW_OWNER_NAME', problem } }
      const missing = readingsMissing(facts)
      if (missing) return missing
      return { effect: 'passToNewOwner', owner: asked.newOwner }
    }
    default:
      return unknownKind(facts.kind)
  }
}

/** The closure's final readings, the re-registration's handover readings: one per active meter. */
function readingsMissing(facts: CompletionFacts): { refusal: CompletionRefusal } | null {
  const without = metersWithoutFinalReading(facts.meters, facts.submittedAt)
  return without.length ? { refusal: { code: 'FINAL_READINGS_MISSING', meters: without.join(', ') } } : null
}

function unknownKind(kind: never): never {
  throw new Error(`unknown request kind ${String(kind)}`)
}
