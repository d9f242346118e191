import type { Role } from '../../contract/roles'
import type { QuestionState } from './question-states'

/**
 * Who may give a question to whom, decided once for the console and the central service
 * (docs/business-rules.md#subscribers-questions): a supervisor gives any question to any active
 * person or back to nobody; anyone else only takes it themselves or gives back what they have.
 * Each side loads the facts from its own database (the service under the question's row lock).
 */
export interface AssignmentFacts {
  state: QuestionState
  assignedTo: string | null
  /** Whether the person it is given to is an active member of staff; null when given to nobody. */
  assigneeActive: boolean | null
}

export type AssignmentDecision =
  | { refusal: 'FORBIDDEN' }
  | { refusal: 'NOT_FOUND'; what: 'staff' }
  /** `changed` false: it already sits with that person, nothing to write. */
  | { state: QuestionState; changed: boolean }

export function decideAssignment(
  facts: AssignmentFacts,
  to: string | null,
  author: { login: string; role: Role },
): AssignmentDecision {
  const ownMove = to === author.login || (to === null && facts.assignedTo === author.login)
  if (author.role !== 'supervisor' && !ownMove) return { refusal: 'FORBIDDEN' }
  if (to !== null && facts.assigneeActive !== true) return { refusal: 'NOT_FOUND', what: 'staff' }
  // An open question is "taken" exactly while someone has it; a waiting or finished one keeps its
  // state and only changes hands.
  const open = facts.state === 'new' || facts.state === 'taken'
  const state: QuestionState = open ? (to === null ? 'new' : 'taken') : facts.state
  return { state, changed: facts.assignedTo !== to || facts.state !== state }
}
