import type { registrationsChannels } from '@shared/contract'
import { runAndHearCentral } from '../../commands/run-and-hear'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import { releaseClaim, takeClaim } from '../claims/claims'
import type { ModuleDeps } from '../deps'
import { decideRegistration } from './decide-registration'
import { registrationClaimKey, registrationReader } from './registration-queue'

const DAY_MS = 86_400_000

export function registrationsHandlers(deps: ModuleDeps): Handlers<keyof typeof registrationsChannels> {
  const { local, pipeline, clock } = deps
  const reader = registrationReader(local.sql)

  return {
    'registrations.queue': (input, { session }) => {
      const now = clock.now()
      const submittedBy = new Date(now.getTime() - input.minAgeDays * DAY_MS).toISOString()
      const all = reader.pending(submittedBy).map((row) => reader.item(row, session.staff.login, now))
      const items =
        input.filter === 'allPassed'
          ? all.filter((item) => item.allPassed)
          : input.filter === 'needsAttention'
            ? all.filter((item) => !item.allPassed)
            : all
      return { items, total: reader.pendingCount() }
    },

    'registrations.pendingCount': () => ({ pending: reader.pendingCount() }),

    'registrations.open': (input, { session }) => {
      const staff = session.staff
      const row = reader.require(input.registrationId)
      // A decided one opens read-only; an open one held by someone else opens with their name on it.
      if (row.state === 'pending') {
        try {
          pipeline.run(takeClaim, { entityKey: registrationClaimKey(row.id) }, { staff })
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'ALREADY_CLAIMED') throw error
        }
      }
      return reader.item(reader.require(row.id), staff.login, clock.now())
    },

    'registrations.close': (input, { session }) => {
      pipeline.run(
        releaseClaim,
        { entityKey: registrationClaimKey(input.registrationId) },
        { staff: session.staff },
      )
      return {}
    },

    'registrations.decide': async (input, { session }) => {
      const { state } = await runAndHearCentral(deps, decideRegistration, input, { staff: session.staff })
      return { state }
    },

    'registrations.confirmAll': (input, { session }) => {
      let confirmed = 0
      const skipped: { registrationId: number; code: string }[] = []
      for (const registrationId of input.registrationIds) {
        try {
          pipeline.run(decideRegistration, { registrationId, decision: 'confirm' }, { staff: session.staff })
          confirmed += 1
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          skipped.push({ registrationId, code: error.code })
        }
      }
      return { confirmed, skipped }
    },
  }
}
