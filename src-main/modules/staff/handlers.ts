import type { staffChannels } from '@shared/contract'
import type { Handlers } from '../../router'
import { assertAcceptablePassword } from '../auth/password-rules'
import type { ModuleDeps } from '../deps'
import { createStaff, deactivateStaff, resetStaffPassword } from './staff-commands'
import { findStaffById, listStaff } from './staff-queries'
import { AppError } from '../../errors'

export function staffHandlers(deps: ModuleDeps): Handlers<keyof typeof staffChannels> {
  const { local, pipeline, sessions, hasher } = deps

  return {
    'staff.list': () => listStaff(local.sql),

    'staff.create': async (input, { session }) => {
      assertAcceptablePassword(input.password, input.passwordRepeat, input.login)
      const passwordHash = await hasher.hash(input.password)
      const { login, fullName, role } = input
      return pipeline.run(createStaff, { login, fullName, role, passwordHash }, { staff: session!.staff })
    },

    'staff.resetPassword': async (input, { session }) => {
      const target = findStaffById(local.sql, input.staffId)
      if (!target) throw new AppError('NOT_FOUND', { what: 'staff' })
      assertAcceptablePassword(input.password, input.passwordRepeat, target.login)
      const passwordHash = await hasher.hash(input.password)
      const updated = pipeline.run(
        resetStaffPassword,
        { staffId: input.staffId, passwordHash },
        { staff: session!.staff },
      )
      sessions.removeForStaff(input.staffId)
      return updated
    },

    'staff.deactivate': (input, { session }) => {
      const updated = pipeline.run(deactivateStaff, { staffId: input.staffId }, { staff: session!.staff })
      sessions.removeForStaff(input.staffId)
      return updated
    },
  }
}
