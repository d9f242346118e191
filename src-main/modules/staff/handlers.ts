import type { staffChannels } from '@shared/contract'
import type { Handlers } from '../../router'
import { assertAcceptablePassword } from '../auth/password-rules'
import type { ModuleDeps } from '../deps'
import { createStaff, deactivateStaff, resetStaffPassword, updateStaff } from './staff-commands'
import { findStaffById, listStaff } from './staff-queries'
import { AppError } from '../../errors'
import { runAndHearCentral } from '../../commands/run-and-hear'
import { requireServiceIfEnrolled } from './require-service'

/**
 * Staff management. On an enrolled console a change is made only while the service answers, and its
 * answer is heard at once (a login taken elsewhere is refused now, not later on the sync screen).
 */
export function staffHandlers(deps: ModuleDeps): Handlers<keyof typeof staffChannels> {
  const { local, sessions, hasher, central } = deps

  return {
    'staff.list': () => listStaff(local.sql),

    'staff.create': async (input, { session }) => {
      assertAcceptablePassword(input.password, input.passwordRepeat, input.login)
      requireServiceIfEnrolled(central)
      const passwordHash = await hasher.hash(input.password)
      const { login, fullName, role } = input
      const { result } = await runAndHearCentral(
        deps,
        createStaff,
        { login, fullName, role, passwordHash },
        { staff: session.staff },
      )
      return result
    },

    'staff.resetPassword': async (input, { session }) => {
      const target = findStaffById(local.sql, input.staffId)
      if (!target) throw new AppError('NOT_FOUND', { what: 'staff' })
      assertAcceptablePassword(input.password, input.passwordRepeat, target.login)
      requireServiceIfEnrolled(central)
      const passwordHash = await hasher.hash(input.password)
      const { result } = await runAndHearCentral(
        deps,
        resetStaffPassword,
        { staffId: input.staffId, passwordHash },
        { staff: session.staff },
      )
      sessions.removeForStaff(input.staffId)
      return result
    },

    'staff.deactivate': async (input, { session }) => {
      requireServiceIfEnrolled(central)
      const { result } = await runAndHearCentral(
        deps,
        deactivateStaff,
        { staffId: input.staffId },
        { staff: session.staff },
      )
      sessions.removeForStaff(input.staffId)
      return result
    },

    'staff.update': async (input, { session }) => {
      const before = findStaffById(local.sql, input.staffId)
      if (!before) throw new AppError('NOT_FOUND', { what: 'staff' })
      requireServiceIfEnrolled(central)
      const { result } = await runAndHearCentral(deps, updateStaff, input, { staff: session.staff })
      // A new role or a switched-off account takes effect now: the person signs in again.
      if (result.role !== before.role || !result.active) sessions.removeForStaff(input.staffId)
      return result
    },
  }
}
