import type { SignInAnswer } from '@shared/central/api'
import type { StaffRef } from '@shared/contract'
import { AppError } from '../../errors'
import { ServiceRefused, type CentralClient } from '../../sync/central-client'
import { asAppError } from '../../sync/enrol-console'
import type { ModuleDeps } from '../deps'
import { recordOnlineSignIn } from '../staff/staff-commands'
import { newPersonKey, type PersonSigner } from './person-keys'

/**
 * Checks a password with the central service (docs/central-service.md#proof-of-person): the lockout is counted
 * there, for every console at once. The console makes a new signing key for the person and the service
 * registers it with the sign-in (docs/central-service.md#proof-of-person). Accepted: the console takes
 * the staff row as the service knows it, derives its own offline verifier and keeps the key wrapped by
 * the password. Refused: the service's reason, in the console's words. Service away: null, and the
 * caller falls back to the offline rule.
 */
export async function signInCentrally(
  deps: Pick<ModuleDeps, 'pipeline' | 'hasher' | 'clock' | 'personKeys'>,
  client: CentralClient,
  login: string,
  password: string,
): Promise<{
  staff: StaffRef
  centralToken: string
  mustChangePassword: boolean
  signer: PersonSigner
} | null> {
  const made = newPersonKey()
  let answer: SignInAnswer
  try {
    answer = await client.signIn(login, password, {
      personKey: made.signer.publicKey,
      consoleClock: deps.clock.now().toISOString(),
    })
  } catch (error) {
    if (!(error instanceof ServiceRefused)) return null
    if (error.error.code === 'INVALID_CREDENTIALS') throw new AppError('INVALID_CREDENTIALS')
    throw asAppError(error)
  }
  const verifier = await deps.hasher.hash(password)
  await deps.personKeys.keep(answer.staff.login, password, made, deps.clock.now().toISOString())
  const staff = deps.pipeline.run(recordOnlineSignIn, { ...answer.staff, verifier }, { staff: null })
  return {
    staff,
    centralToken: answer.token,
    mustChangePassword: answer.staff.mustChangePassword === true,
    signer: made.signer,
  }
}
