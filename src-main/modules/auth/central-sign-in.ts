import type { SignInAnswer } from '@shared/central/api'
import type { StaffRef } from '@shared/contract'
import { AppError } from '../../errors'
import { ServiceRefused, type CentralClient } from '../../sync/central-client'
import { asAppError } from '../../sync/enrol-console'
import type { ModuleDeps } from '../deps'
import { recordOnlineSignIn } from '../staff/staff-commands'

/**
 * Checks a password with the central service (issue: the central service, "Sign-in"): the lockout is
 * counted there, for every console at once. Accepted: the console takes the staff row as the service
 * knows it and derives its own offline verifier. Refused: the service's reason, in the console's words.
 * Service away: null, and the caller falls back to the offline rule.
 */
export async function signInCentrally(
  deps: Pick<ModuleDeps, 'pipeline' | 'hasher'>,
  client: CentralClient,
  login: string,
  password: string,
): Promise<{ staff: StaffRef; centralToken: string; mustChangePassword: boolean } | null> {
  let answer: SignInAnswer
  try {
    answer = await client.signIn(login, password)
  } catch (error) {
    if (!(error instanceof ServiceRefused)) return null
    if (error.error.code === 'INVALID_CREDENTIALS') throw new AppError('INVALID_CREDENTIALS')
    throw asAppError(error)
  }
  const verifier = await deps.hasher.hash(password)
  const staff = deps.pipeline.run(recordOnlineSignIn, { ...answer.staff, verifier }, { staff: null })
  return { staff, centralToken: answer.token, mustChangePassword: answer.staff.mustChangePassword === true }
}
