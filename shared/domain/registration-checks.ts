import { matchSurname, type SurnameMatch } from './surname-match'

/**
 * The automatic checks of a web registration before a clerk activates the cabinet
 * (docs/business-rules.md#web-registrations). Pure: the main process runs them over its local copy for the
 * queue, and again when a decision is applied.
 */
export type RegistrationCheckCode = 'accountActive' | 'surnameMatches' | 'noActiveCabinet' | 'emailFree'

export interface RegistrationCheck {
  code: RegistrationCheckCode
  passed: boolean
  /** Why it failed, for the message beside the badge. */
  reason?:
    | 'accountUnknown'
    | 'noOwnerToCompare'
    | 'accountClosed'
    | Exclude<SurnameMatch['kind'], 'match'>
    | 'cabinetConfirmed'
    | 'cabinetActive'
    | 'emailUsed'
}

export interface RegistrationFacts {
  surnameTyped: string
  account: { status: 'active' | 'closed'; ownerSurname: string } | null
  /** The state of the account's cabinet, if it has one. */
  cabinetState: 'pending' | 'confirmed' | 'active' | 'rejected' | 'revoked' | null
  /** Another account's cabinet (confirmed or active) already uses this email. */
  emailUsedElsewhere: boolean
}

/** A cabinet counts as taken once a clerk confirmed it, whether or not the link was clicked yet. */
const TAKEN_CABINET = { confirmed: 'cabinetConfirmed', active: 'cabinetActive' } as const

export function checkRegistration(facts: RegistrationFacts): RegistrationCheck[] {
  const { account } = facts
  const surname = account ? matchSurname(facts.surnameTyped, account.ownerSurname) : null
  const taken =
    facts.cabinetState === 'confirmed' || facts.cabinetState === 'active'
      ? TAKEN_CABINET[facts.cabinetState]
      : null
  return [
    account
      ? account.status === 'active'
        ? { code: 'accountActive', passed: true }
        : { code: 'accountActive', passed: false, reason: 'accountClosed' }
      : { code: 'accountActive', passed: false, reason: 'accountUnknown' },
    !surname
      ? { code: 'surnameMatches', passed: false, reason: 'noOwnerToCompare' }
      : surname.kind === 'match'
        ? { code: 'surnameMatches', passed: true }
        : { code: 'surnameMatches', passed: false, reason: surname.kind },
    taken
      ? { code: 'noActiveCabinet', passed: false, reason: taken }
      : { code: 'noActiveCabinet', passed: true },
    facts.emailUsedElsewhere
      ? { code: 'emailFree', passed: false, reason: 'emailUsed' }
      : { code: 'emailFree', passed: true },
  ]
}

export const allPassed = (checks: RegistrationCheck[]) => checks.every((check) => check.passed)
