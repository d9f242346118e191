import type { authChannels, SessionInfo } from '@shared/contract'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { createFirstSupervisor, recordSignInAttempt } from '../staff/staff-commands'
import { countStaff, findStaffById, findStaffByLogin, toRef } from '../staff/staff-queries'
import { assertAcceptablePassword } from './password-rules'
import type { Session } from './sessions'

export function authHandlers(deps: ModuleDeps): Handlers<keyof typeof authChannels> {
  const { local, pipeline, sessions, hasher, clock, policy } = deps

  const sessionInfo = (session: Session): SessionInfo => ({
    token: session.token,
    staff: session.staff,
    idleLockMs: sessions.idleLockMs(),
  })

  /** Checks a password against the lockout rule and records the attempt either way. */
  async function checkPassword(staffId: number, password: string): Promise<void> {
    const record = findStaffById(local.sql, staffId)
    if (!record) throw new AppError('INVALID_CREDENTIALS')
    if (record.lockedUntil && Date.parse(record.lockedUntil) > clock.now().getTime()) {
      throw new AppError('LOGIN_LOCKED', { until: record.lockedUntil })
    }
    const succeeded = await hasher.verify(password, record.passwordHash)
    const { lockedUntil } = pipeline.run(
      recordSignInAttempt,
      { staffId, succeeded, maxFailures: policy.maxFailedSignIns, lockMs: policy.loginLockMs },
      { staff: toRef(record) },
    )
    if (lockedUntil) throw new AppError('LOGIN_LOCKED', { until: lockedUntil })
    if (!succeeded) throw new AppError('INVALID_CREDENTIALS')
  }

  return {
    'auth.status': (_input, { session }) => ({
      setUp: countStaff(local.sql) > 0,
      session: session ? { ...sessionInfo(session), locked: session.locked } : null,
    }),

    'auth.setupFirstSupervisor': async (input) => {
      if (countStaff(local.sql) > 0) throw new AppError('ALREADY_SET_UP')
      assertAcceptablePassword(input.password, input.passwordRepeat, input.login)
      const passwordHash = await hasher.hash(input.password)
      const created = pipeline.run(
        createFirstSupervisor,
        { login: input.login, fullName: input.fullName, role: 'supervisor', passwordHash },
        { staff: null },
      )
      return sessionInfo(sessions.create(created))
    },

    'auth.signIn': async (input) => {
      const record = findStaffByLogin(local.sql, input.login)
      if (!record) {
        await hasher.burn(input.password)
        throw new AppError(countStaff(local.sql) > 0 ? 'INVALID_CREDENTIALS' : 'NOT_SET_UP')
      }
      await checkPassword(record.id, input.password)
      if (!record.active) throw new AppError('STAFF_INACTIVE')
      return sessionInfo(sessions.create(toRef(record)))
    },

    'auth.unlock': async (input, { session }) => {
      if (!session) throw new AppError('NOT_SIGNED_IN')
      try {
        await checkPassword(session.staff.id, input.password)
      } catch (error) {
        // Five wrong passwords at the lock screen end the session, as at the sign-in screen.
        if (error instanceof AppError && error.code === 'LOGIN_LOCKED') sessions.remove(session.token)
        throw error
      }
      sessions.unlock(session)
      return sessionInfo(session)
    },

    'auth.signOut': (_input, { session }) => {
      if (session) sessions.remove(session.token)
      return {}
    },

    'auth.touch': () => ({}),
  }
}
