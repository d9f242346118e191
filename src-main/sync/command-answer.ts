import type BetterSqlite3 from 'better-sqlite3'
import type { ErrorCode, ErrorParams } from '@shared/contract'

/** What became of one command of this console, as far as it knows now. */
export type CommandAnswer =
  | { state: 'applied' }
  /** Not answered yet: offline, or the central database is slow; the outbox keeps it. */
  | { state: 'queued' }
  | { state: 'refused'; code: ErrorCode; params: ErrorParams }

/** Reads a command's outcome from the outbox, where push records the central database's answer. */
export function readCommandAnswer(db: BetterSqlite3.Database, commandId: string): CommandAnswer {
  const row = db
    .prepare(`SELECT state, refusal_json AS refusal FROM outbox WHERE command_id = ?`)
    .get(commandId) as { state: 'pending' | 'applied' | 'refused'; refusal: string | null } | undefined
  if (!row || row.state === 'applied') return { state: 'applied' }
  if (row.state === 'pending') return { state: 'queued' }
  return { state: 'refused', ...parseRefusal(row.refusal ?? '{}') }
}

/** The central database's reason for a refusal, as push recorded it: an error code and its parameters. */
export function parseRefusal(json: string): { code: ErrorCode; params: ErrorParams } {
  const { code, ...params } = JSON.parse(json) as { code?: ErrorCode } & ErrorParams
  delete params.outcome
  return { code: code ?? 'INTERNAL', params }
}
