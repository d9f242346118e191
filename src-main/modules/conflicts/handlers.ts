import type { conflictsChannels } from '@shared/contract'
import { runAndHearCentral } from '../../commands/run-and-hear'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { readOpenConflicts, readRefusals } from './conflict-list'
import { resolveConflict } from './resolve-conflict'

export function conflictsHandlers(deps: ModuleDeps): Handlers<keyof typeof conflictsChannels> {
  const { local } = deps
  return {
    'conflicts.list': () => readOpenConflicts(local.sql),
    'conflicts.resolve': async (input, { session }) => {
      await runAndHearCentral(deps, resolveConflict, input, { staff: session.staff })
      return {}
    },
    'sync.refusals': () => readRefusals(local.sql),
  }
}
