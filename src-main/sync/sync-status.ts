import type BetterSqlite3 from 'better-sqlite3'
import type { SyncProblem, SyncStatus } from '@shared/contract'
import { ServiceRefused } from './central-client'

export interface LiveSyncState {
  mode: SyncStatus['mode']
  lastSyncAt: string | null
  problem: SyncProblem | null
  initialSync: SyncStatus['initialSync']
  /** The service's heartbeat went unanswered on an open connection. */
  silent: boolean
  /** No cycle has ended yet since the engine started (a fresh console's first copy is under way). */
  starting: boolean
}

/** With no central service configured the console runs on its local database alone and says so. */
export const LOCAL_ONLY: LiveSyncState = {
  mode: 'localOnly',
  lastSyncAt: null,
  problem: null,
  initialSync: null,
  silent: false,
  starting: false,
}

const REFUSALS: SyncProblem['kind'][] = [
  'authFailed',
  'notMigrated',
  'notEnrolled',
  'consoleRevoked',
  'untrustedCertificate',
]

/** The badge's one word for the link, from the engine's state (see `link` in the contract). */
export function linkOf(live: LiveSyncState, hasCopy: boolean): SyncStatus['link'] {
  if (live.mode === 'localOnly') return 'localOnly'
  if (live.initialSync || (live.starting && !hasCopy)) return 'copying'
  if (live.silent) return 'noAnswer'
  if (live.mode === 'online' || live.starting) return 'online'
  if (live.problem?.kind === 'noAnswer') return 'noAnswer'
  return live.problem && REFUSALS.includes(live.problem.kind) ? 'refused' : 'offline'
}

/** The badge's figures: the engine's live state plus what is waiting in the local database. */
export function readSyncStatus(db: BetterSqlite3.Database, live: LiveSyncState = LOCAL_ONLY): SyncStatus {
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
        (SELECT count(*) FROM outbox WHERE state = 'refused') AS refused,
        (SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL) AS conflicts,
        EXISTS (SELECT 1 FROM sync_state WHERE key = 'cursor') AS hasCopy`,
    )
    .get() as { pending: number; refused: number; conflicts: number; hasCopy: number }
  return {
    mode: live.mode,
    lastSyncAt: live.lastSyncAt,
    problem: live.problem,
    initialSync: live.initialSync,
    link: linkOf(live, counts.hasCopy === 1),
    pendingCommands: counts.pending,
    refusedCommands: counts.refused,
    conflicts: counts.conflicts,
  }
}

const UNTRUSTED_CERTIFICATE =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE|ERR_TLS_CERT_ALTNAME_INVALID)$/

/** Turns what the network or the service threw into one of the kinds the console explains. */
export function describeSyncError(error: unknown): SyncProblem {
  const detail = error instanceof Error ? error.message : String(error)
  if (error instanceof ServiceRefused) {
    if (error.error.code === 'UNAVAILABLE')
      return { kind: 'unreachable', detail: 'central database unavailable' }
    const kinds: Partial<Record<string, SyncProblem['kind']>> = {
      CONSOLE_REVOKED: 'consoleRevoked',
      CONSOLE_NOT_ENROLLED: 'notEnrolled',
      BAD_SIGNATURE: 'notEnrolled',
      NOT_MIGRATED: 'notMigrated',
      INVALID_CREDENTIALS: 'authFailed',
    }
    return { kind: kinds[error.error.code] ?? 'serverError', detail: error.error.code }
  }
  const code = String((error as { code?: unknown }).code ?? '')
  if (UNTRUSTED_CERTIFICATE.test(code)) return { kind: 'untrustedCertificate', detail }
  // Connected but unanswered: a hung service or a frozen link, told apart from one that is away.
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(detail)) return { kind: 'noAnswer', detail }
  if (
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|EPIPE|ESERVICE|EAI_AGAIN)/.test(code) ||
    /closed|socket hang up/i.test(detail)
  )
    return { kind: 'unreachable', detail }
  return { kind: 'serverError', detail }
}
