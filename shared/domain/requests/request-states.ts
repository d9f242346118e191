/**
 * Closure and re-registration requests (docs/business-rules.md#closure-and-re-registration-requests): the
 * states a request moves through and the steps between them. Every step records who, when and why;
 * the steps that need a why say so here, so the console and the central service refuse the same.
 */
export const REQUEST_STATES = [
  'new',
  'in_review',
  'awaiting_documents',
  'approved',
  'rejected',
  'completed',
] as const
export type RequestState = (typeof REQUEST_STATES)[number]

export const REQUEST_KINDS = ['closure', 'reRegistration'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

/** What a letter or a decision calls a request of each kind ("заявка на …"). */
export const REQUEST_KIND_TITLES: Record<RequestKind, string> = {
  closure: 'закрытие лицевого счёта',
  reRegistration: 'переоформление лицевого счёта',
}

/**
 * What each kind asks of a request besides its documents: a new owner with the date from which the
 * account is theirs, and a reading of every active meter before it is completed (a closure's final
 * readings; a re-registration's handover readings, from which the new owner pays). Every screen and
 * both sides ask this table, so a new kind is a compile error here, never a silent default.
 */
export const REQUEST_KIND_NEEDS: Record<RequestKind, { newOwner: boolean; finalReadings: boolean }> = {
  closure: { newOwner: false, finalReadings: true },
  reRegistration: { newOwner: true, finalReadings: true },
}

/** Where each state may go next. `rejected` and `completed` are final. */
const NEXT: Record<RequestState, readonly RequestState[]> = {
  new: ['in_review', 'rejected'],
  in_review: ['awaiting_documents', 'approved', 'rejected'],
  // The subscriber's new attachment (or the clerk, with the papers brought in) wakes it.
  awaiting_documents: ['in_review', 'rejected'],
  approved: ['completed', 'in_review'],
  rejected: [],
  completed: [],
}

export function nextStates(state: RequestState): readonly RequestState[] {
  return NEXT[state]
}

export function canMove(from: RequestState, to: RequestState): boolean {
  return NEXT[from].includes(to)
}

/**
 * The steps a person must explain: a refusal (the subscriber is told why), documents asked for (the
 * letter names them), and taking an approval back.
 */
export function stepNeedsReason(from: RequestState, to: RequestState): boolean {
  return to === 'rejected' || to === 'awaiting_documents' || (from === 'approved' && to === 'in_review')
}

export const isFinal = (state: RequestState) => NEXT[state].length === 0

/** The states in which the due-date clock runs (it stops while the subscriber owes documents). */
export const clockRuns = (state: RequestState) => state !== 'awaiting_documents' && !isFinal(state)
