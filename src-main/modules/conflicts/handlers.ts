import { randomUUID } from 'node:crypto'
import type { conflictsChannels } from '@shared/contract'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { readOpenConflicts, readRefusals } from './conflict-list'
import { resolveConflict } from './resolve-conflict'

export function conflictsHandlers(deps: ModuleDeps): Handlers<keyof typeof conflictsChannels> {
  const { local, pipeline } = deps
  return {
    'conflicts.list': () => readOpenConflicts(local.sql),
    'conflicts.resolve': async (input, { session }) => {
      const commandId = randomUUID()
      pipeline.run(resolveConflict, input, { staff: session!.staff, commandId })
      const answer = await deps.centralAnswer(commandId)
      if (answer.state === 'refused') throw new AppError(answer.code, answer.params)
      return {}
    },
    'sync.refusals': () => readRefusals(local.sql),
  }
}
