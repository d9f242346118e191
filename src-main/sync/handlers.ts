import type { syncChannels } from '@shared/contract'
import type { Handlers } from '../router'
import type { ModuleDeps } from '../modules/deps'
import { readSyncStatus } from './sync-status'

export function syncHandlers(deps: ModuleDeps): Handlers<keyof typeof syncChannels> {
  const { local, events } = deps
  events.on('outbox.changed', () => events.emit('sync.status', readSyncStatus(local.sql)))
  return { 'sync.status': () => readSyncStatus(local.sql) }
}
