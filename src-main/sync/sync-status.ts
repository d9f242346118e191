import type BetterSqlite3 from 'better-sqlite3'
import type { SyncStatus } from '@shared/contract'

/**
 * With no central database configured the console runs on its local database alone (the embedded
 * default) and says so; commands still queue in the outbox for the day a central address is set.
 */
export function readSyncStatus(db: BetterSqlite3.Database): SyncStatus {
  const pending = db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`).get() as {
    n: number
  }
  return { mode: 'localOnly', lastSyncAt: null, pendingCommands: pending.n, conflicts: 0 }
}
