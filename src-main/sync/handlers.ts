import type { syncChannels } from '@shared/contract'
import type { Handlers } from '../router'
import type { ModuleDeps } from '../modules/deps'
import type { SyncEngine } from './sync-engine'
import { readSyncStatus } from './sync-status'

/** Without a central database the status says "local only" and "sync now" has nothing to do. */
export function syncHandlers(
  deps: ModuleDeps,
  engine: SyncEngine | null,
): Handlers<keyof typeof syncChannels> {
  const { local, events } = deps
  const status = () => (engine ? engine.status() : readSyncStatus(local.sql))
  events.on('outbox.changed', () => events.emit('sync.status', status()))
  return {
    'sync.status': () => status(),
    'sync.now': async () => (engine ? engine.syncNow() : status()),
  }
}
