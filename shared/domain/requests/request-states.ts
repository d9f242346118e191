/**
 * Requests of every kind (docs/business-rules.md#closure-and-re-registration-requests): the states a
 * request moves through and the steps between them. Every step records who, when and why;
 * the steps that need a why say so here, so the console and the central service refuse the same.
 */
export const REQUEST_STATES = [
  'new',
  'in_review',
  'awaiting_documents',
  'awaiting_visit',
  'approved',
  'rejected',
  'completed',
] as const
export type RequestState = (typeof REQUEST_STATES)[number]

/** Where each state may go next. `rejected` and `completed` are final. */
const NEXT: Record<RequestState, readonly RequestState[]> = {
  new: ['in_review', 'rejected'],
  in_review: ['awaiting_documents', 'awaiting_visit', 'approved', 'rejected'],
  // The subscriber's new attachment (or the clerk, with the papers brought in) wakes it.
  awaiting_documents: ['in_review', 'rejected'],
  // The inspector's report: the clerk carries on, approves what was sealed, or refuses.
  awaiting_visit: ['in_review', 'approved', 'rejected'],
  approved: ['completed', 'in_review'],
  rejected: [],
  completed: [],
}

/** The kind's say in the moves: only a kind that may send an inspector has the visit state. */
export interface KindMoves {
  inspectorVisit: boolean
}

export function nextStates(state: RequestState, kind: KindMoves): readonly RequestState[] {
  return NEXT[state].filter((to) => to !== 'awaiting_visit' || kind.inspectorVisit)
}

export function canMove(from: RequestState, to: RequestState, kind: KindMoves): boolean {
  return nextStates(from, kind).includes(to)
}

/**
 * The steps a person must explain: a refusal (the subscriber is told why), documents asked for (the
 * letter names them), an inspector sent (what to check, when agreed), and taking an approval back.
 */
export function stepNeedsReason(from: RequestState, to: RequestState): boolean {
  return (
    to === 'rejected' ||
    to === 'awaiting_documents' ||
    to === 'awaiting_visit' ||
    (from === 'approved' && to === 'in_review')
  )
}

export const isFinal = (state: RequestState) => NEXT[state].length === 0

/** The states a request is still open in: the card's alert, the queue's default view. */
export const isOpen = (state: RequestState) => !isFinal(state)

/** The states in which the due-date clock runs (it stops while the subscriber owes documents). */
export const clockRuns = (state: RequestState) => state !== 'awaiting_documents' && !isFinal(state)
