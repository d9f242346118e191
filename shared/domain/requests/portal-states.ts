import type { RequestState } from './request-states'

/** The website's contract spells a request's states in camelCase (docs/portal-contract.md); the rules in snake_case. */
const FROM_PORTAL: Record<string, RequestState> = {
  new: 'new',
  inReview: 'in_review',
  awaitingDocuments: 'awaiting_documents',
  awaitingVisit: 'awaiting_visit',
  approved: 'approved',
  rejected: 'rejected',
  completed: 'completed',
}
const TO_PORTAL = Object.fromEntries(
  Object.entries(FROM_PORTAL).map(([portal, rule]) => [rule, portal]),
) as Record<RequestState, string>

/** A state as `portal_requests.state` holds it, read as the rules name it (`new` for anything unknown). */
export const fromPortalState = (state: string): RequestState => FROM_PORTAL[state] ?? 'new'

/** A state as the rules name it, written as `portal_requests.state` holds it. */
export const toPortalState = (state: RequestState): string => TO_PORTAL[state]
