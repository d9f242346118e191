import type BetterSqlite3 from 'better-sqlite3'
import type { SyncProblem, SyncStatus } from '@shared/contract'

export interface LiveSyncState {
  mode: SyncStatus['mode']
  lastSyncAt: string | null
  problem: SyncProblem | null
  initialSync: SyncStatus['initialSync']
}

/** With no central database configured the console runs on its local database alone and says so. */
export const LOCAL_ONLY: LiveSyncState = {
  mode: 'localOnly',
  lastSyncAt: null,
  problem: null,
  initialSync: null,
}

/** The badge's figures: the engine's live state plus what is waiting in the local database. */
export function readSyncStatus(db: BetterSqlite3.Database, live: LiveSyncState = LOCAL_ONLY): SyncStatus {
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
        (SELECT count(*) FROM outbox WHERE state = 'refused') AS refused,
        (SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL) AS conflicts`,
    )
    .get() as { pending: number; refused: number; conflicts: number }
  return {
    ...live,
    pendingCommands: counts.pending,
    refusedCommands: counts.refused,
    conflicts: counts.conflicts,
  }
}

/** Turns what the network or the server threw into one of the kinds the console explains. */
export function describeSyncError(error: unknown): SyncProblem {
  const code = String((error as { code?: unknown }).code ?? '')
  const detail = error instanceof Error ? error.message : String(error)
  if (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE|57P0[1-3]|08)/.test(code) ||
    /timeout|terminat|Connection/i.test(detail)
  )
    return { kind: 'unreachable', detail }
  if (code === '28P01' || code === '28000' || code === '3D000') return { kind: 'authFailed', detail }
  if (code === '42P01' || code === '42883') return { kind: 'notMigrated', detail }
  return { kind: 'serverError', detail }
}
