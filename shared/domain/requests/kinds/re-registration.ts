import { personNameProblem } from '../completion-rules'
import { finalReadingsMissing } from './closure'
import type { KindAsked, RequestKindRules } from './request-kind'

type NewOwner = NonNullable<KindAsked['newOwner']>

/**
 * Passing an account to a new owner (docs/business-rules.md#closure-and-re-registration-requests): the
 * new owner's name checked, the handover readings of every active meter in, then the account (same
 * number) theirs from the date.
 */
export const reRegistration: RequestKindRules<{ effect: 'passToNewOwner'; owner: NewOwner }> = {
  title: 'переоформление лицевого счёта',
  word: 'переоформление',
  documents: {
    newOwnerPassport: 'паспорт нового владельца',
    ownership: 'документ о праве собственности (выписка из ЕГРН или договор)',
  },
  newOwner: true,
  details: null,
  inspectorVisit: false,
  finalReadings: () => 'allActive',
  decide(facts, asked) {
    if (!asked.newOwner) return { refusal: { code: 'NEW_OWNER_REQUIRED' } }
    const problem = personNameProblem(asked.newOwner)
    if (problem) return { refusal: { code: 'NEW_OWNER_NAME', problem } }
    return finalReadingsMissing(facts, 'allActive') ?? { effect: 'passToNewOwner', owner: asked.newOwner }
  },
}
