import type { authChannels, SessionInfo } from '@shared/contract'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { changeOwnPassword, createFirstSupervisor, recordSignInAttempt } from '../staff/staff-commands'
import { runAndHearCentral } from '../../commands/run-and-hear'
import { countStaff, findStaffById, findStaffByLogin, toRef } from '../staff/staff-queries'
import { readSettings } from '../settings/console-settings'
import { assertAcceptablePassword } from './password-rules'
import { signInCentrally } from './central-sign-in'
import { requireServiceIfEnrolled } from '../staff/require-service'
import type { Session } from './sessions'

/** The demo's supervisor (`npm run demo`), handed to the sign-in screen; never set in a product build. */
export interface DemoSignIn {
  login: string
  password: string
}

export function authHandlers(
  deps: ModuleDeps,
  demoSignIn: DemoSignIn | null = null,
): Handlers<keyof typeof authChannels> {
  const { local, pipeline, sessions, hasher, clock, policy, central } = deps

  const sessionInfo = (session: Session): SessionInfo => ({
    token: session.token,
    staff: session.staff,
    idleLockMs: sessions.idleLockMs(),
    mustChangePassword: session.mustChangePassword,
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
      // An enrolled console is set up: its staff sign in with central accounts.
      setUp: countStaff(local.sql) > 0 || central.client() !== null,
      session: session ? { ...sessionInfo(session), locked: session.locked } : null,
      demoSignIn,
      lostCopy: deps.lostCopy.current(),
    }),

    'auth.setupFirstSupervisor': async (input) => {
      if (countStaff(local.sql) > 0) throw new AppError('ALREADY_SET_UP')
      // A console of the utility's network gets its staff from the central service, never a local one.
      if (central.client()) throw new AppError('SETUP_THROUGH_CENTRAL')
      assertAcceptablePassword(input.password, input.passwordRepeat, input.login)
      const passwordHash = await hasher.hash(input.password)
      const created = pipeline.run(
        createFirstSupervisor,
        { login: input.login, fullName: input.fullName, role: 'supervisor', passwordHash },
        { staff: null },
      )
      deps.lostCopy.forget()
      return sessionInfo(sessions.create(created))
    },

    'auth.signIn': async (input) => {
      const client = central.client()
      if (client) {
        const online = await signInCentrally(deps, client, input.login, input.password)
        if (online)
          return sessionInfo(
            sessions.create(online.staff, online.centralToken, online.mustChangePassword, online.signer),
          )
        // The service is away: only a recent online sign-in on this console lets the person in.
        const record = findStaffByLogin(local.sql, input.login)
        const days = readSettings(local.sql).offlineSignInDays
        const verifiedAt = record?.onlineVerifiedAt ? Date.parse(record.onlineVerifiedAt) : null
        if (!record || verifiedAt === null || clock.now().getTime() - verifiedAt > days * 86_400_000) {
          await hasher.waitAsLongAsACheck(input.password)
          throw new AppError('OFFLINE_SIGN_IN_EXPIRED', { days })
        }
      }
      const record = findStaffByLogin(local.sql, input.login)
      if (!record) {
        await hasher.waitAsLongAsACheck(input.password)
        throw new AppError(countStaff(local.sql) > 0 ? 'INVALID_CREDENTIALS' : 'NOT_SET_UP')
      }
      await checkPassword(record.id, input.password)
      if (!record.active) throw new AppError('STAFF_INACTIVE')
      // Offline, the key made at the person's last online sign-in here opens with the same password.
      const signer = client ? await deps.personKeys.open(record.login, input.password) : null
      return sessionInfo(sessions.create(toRef(record), null, record.mustChangePassword, signer))
    },

    'auth.changeOwnPassword': async (input, { session: own }) => {
      await checkPassword(own.staff.id, input.currentPassword)
      assertAcceptablePassword(input.password, input.passwordRepeat, own.staff.login)
      if (input.password === input.currentPassword) throw new AppError('PASSWORD_UNCHANGED')
      requireServiceIfEnrolled(central)
      const passwordHash = await hasher.hash(input.password)
      await runAndHearCentral(
        deps,
        changeOwnPassword,
        { staffId: own.staff.id, passwordHash },
        { staff: own.staff },
      )
      own.mustChangePassword = false
      // The change revoked the person's keys everywhere: a new one, registered with the new password,
      // signs what they do from now on (docs/central-service.md#proof-of-person).
      const client = central.client()
      if (client) {
        const online = await signInCentrally(deps, client, own.staff.login, input.password)
        if (online) {
          own.centralToken = online.centralToken
          sessions.useSigner(own.staff.id, online.signer)
        }
      }
      // Other sessions of this person on this console were opened with the old password.
      sessions.removeForStaff(own.staff.id, own.token)
      return sessionInfo(own)
    },

    'auth.unlock': async (input, { session }) => {
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
      sessions.remove(session.token)
      // The central session ends with it, when the service answers (nobody waits for it at the door);
      // otherwise it runs out by itself.
      const client = central.client()
      if (client && session.centralToken) void client.signOut(session.centralToken).catch(() => undefined)
      return {}
    },

    'auth.touch': () => ({}),
  }
}
