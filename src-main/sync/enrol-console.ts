import type { CentralServiceInput } from '@shared/contract'
import { AppError } from '../errors'
import { CentralClient, ServiceRefused } from './central-client'
import { makeConsoleKeys } from './central-settings'
import { describeSyncError } from './sync-status'

/**
 * Enrols this console at a central service (docs/central-service.md):
 * the service is tried first (reachable, its certificate trusted, its database ready), then a key
 * pair is made here and the public half registered under a central supervisor's approval. Every
 * failure is an error the supervisor can act on; nothing is stored until the service says yes.
 */
export async function enrolAtService(
  input: CentralServiceInput,
): Promise<{ consoleId: string; privateKeyPem: string; enrolledBy: string }> {
  const client = new CentralClient({ url: input.url, caPem: input.caPem }, null, 15_000)
  try {
    const health = await client.health()
    if (health.service !== 'vodokanal-central')
      throw new AppError('CENTRAL_UNREACHABLE', { detail: 'not a service' })
    if (health.schema !== 'ready') throw new AppError('CENTRAL_NOT_MIGRATED')
    const keys = makeConsoleKeys()
    const { consoleId } = await client.enrol({
      consoleName: input.consoleName,
      publicKey: keys.publicKeyPem,
      login: input.login,
      password: input.password,
    })
    return { consoleId, privateKeyPem: keys.privateKeyPem, enrolledBy: input.login }
  } catch (error) {
    throw asAppError(error)
  } finally {
    client.close()
  }
}

/** A service's refusal or a network failure, in the console's own error codes. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error instanceof ServiceRefused) {
    const { code, params } = error.error
    switch (code) {
      case 'INVALID_CREDENTIALS':
        return new AppError('CENTRAL_AUTH_FAILED')
      case 'LOGIN_LOCKED':
        return new AppError('LOGIN_LOCKED', params?.until ? { until: String(params.until) } : {})
      case 'STAFF_INACTIVE':
        return new AppError('STAFF_INACTIVE')
      case 'FORBIDDEN':
        return new AppError('CENTRAL_NOT_SUPERVISOR')
      case 'CONSOLE_REVOKED':
        return new AppError('CONSOLE_REVOKED')
      case 'SIGN_IN_AGAIN':
        return new AppError('CENTRAL_SIGN_IN_NEEDED')
      case 'NOT_MIGRATED':
        return new AppError('CENTRAL_NOT_MIGRATED')
      case 'PASSWORD_CHANGE_REQUIRED':
        return new AppError('PASSWORD_CHANGE_REQUIRED')
      case 'TOO_MANY_REQUESTS':
        return new AppError('CENTRAL_TOO_MANY_TRIES', {
          seconds: Number(params?.retryAfterSeconds ?? 60),
        })
      case 'NOT_FOUND':
        return new AppError('NOT_FOUND', params?.what ? { what: String(params.what) } : {})
      default:
        return new AppError('CENTRAL_UNREACHABLE', { detail: code })
    }
  }
  const problem = describeSyncError(error)
  return new AppError(
    problem.kind === 'untrustedCertificate' ? 'CENTRAL_UNTRUSTED_CERTIFICATE' : 'CENTRAL_UNREACHABLE',
    { detail: problem.detail },
  )
}
