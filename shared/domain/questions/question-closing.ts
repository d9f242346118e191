import type { CloseReason, QuestionState } from './question-states'

/** Who asked a question, as far as the question says. */
export interface Asker {
  email: string | null
  phone: string | null
  /** The account the subscriber named or a person linked, if any. */
  accountNumbers: (string | null)[]
}

/**
 * Whether two questions come from one subscriber: the same e-mail, phone or account. Closing one as a
 * duplicate of another leaves it to be answered there, which reaches only that question's subscriber
 * (docs/business-rules.md#subscribers-questions): so only one subscriber's questions merge.
 */
export function sameAsker(a: Asker, b: Asker): boolean {
  const email = (x: Asker) => x.email?.trim().toLowerCase() || null
  const phone = (x: Asker) => x.phone?.replace(/\D/g, '').slice(-10) || null
  const accounts = (x: Asker) => new Set(x.accountNumbers.filter((n): n is string => !!n))
  if (email(a) && email(a) === email(b)) return true
  if (phone(a) && phone(a) === phone(b)) return true
  const theirs = accounts(b)
  return [...accounts(a)].some((number) => theirs.has(number))
}

export type ClosingDecision =
  | { refusal: 'INVALID_INPUT'; fields: 'duplicateOf' }
  | { refusal: 'NOT_FOUND'; what: 'question' }
  | { refusal: 'DUPLICATE_OF_ANOTHER_SUBSCRIBER' }
  /** Already answered or closed: nothing to write. */
  | { close: false }
  | { close: true }

/** Closing a question without an answer of its own, decided once for the console and the service. */
export function decideClosing(
  question: { id: number; state: QuestionState; asker: Asker },
  asked: { reason: CloseReason; duplicateOf: number | null },
  /** The question it duplicates, when the reason is `duplicate`; null when this database has none. */
  original: { asker: Asker } | null,
): ClosingDecision {
  if (question.state === 'closed' || question.state === 'answered') return { close: false }
  if (asked.reason !== 'duplicate') return { close: true }
  if (asked.duplicateOf === null || asked.duplicateOf === question.id)
    return { refusal: 'INVALID_INPUT', fields: 'duplicateOf' }
  if (!original) return { refusal: 'NOT_FOUND', what: 'question' }
  return sameAsker(question.asker, original.asker)
    ? { close: true }
    : { refusal: 'DUPLICATE_OF_ANOTHER_SUBSCRIBER' }
}
