import { createHash } from 'node:crypto'
import type pg from 'pg'

/** One event of the central audit trail (see the consoles-and-central-audit migration). */
export interface AuditEntry {
  action: string
  staffLogin: string | null
  consoleId: string | null
  commandId?: string | null
  detail: Record<string, unknown>
}

export const GENESIS_HASH = '0'.repeat(64)

/**
 * The hash a row carries: its own content and its predecessor's hash. `detail` is hashed as the text
 * stored (a `json` column gives back what was written), so the verifier recomputes the same.
 */
export function auditRowHash(row: {
  seq: string
  at: string
  action: string
  staff_login: string | null
  console_id: string | null
  command_id: string | null
  detail_text: string
  prev_hash: string
}): string {
  return createHash('sha256')
    .update(
      [
        row.seq,
        row.at,
        row.action,
        row.staff_login ?? '',
        row.console_id ?? '',
        row.command_id ?? '',
        row.detail_text,
        row.prev_hash,
      ].join('\u001f'),
    )
    .digest('hex')
}

/**
 * Appends entries inside the caller's transaction. The chain's tail is taken under a transaction-level
 * advisory lock, so two service instances appending at once make one chain, not a fork; the lock is
 * held only from here to the caller's commit, which is why callers append last.
 */
export async function appendAudit(client: pg.ClientBase, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  await client.query(`SELECT pg_advisory_xact_lock(7163002)`)
  // Ordered by the bigint column, not by its text copy ('9' sorts after '10').
  const { rows: tail } = await client.query<{ seq: string | null; hash: string | null; at: string }>(
    `SELECT a.seq::text AS seq, a.hash, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
    FROM (SELECT 1) AS one LEFT JOIN (SELECT seq, hash FROM central_audit ORDER BY seq DESC LIMIT 1) AS a ON true`,
  )
  let seq = BigInt(tail[0]!.seq ?? '0')
  let prev = tail[0]!.hash ?? GENESIS_HASH
  const at = tail[0]!.at
  const rows = entries.map((entry) => {
    seq += 1n
    const row = {
      seq: seq.toString(),
      at,
      action: entry.action,
      staff_login: entry.staffLogin,
      console_id: entry.consoleId,
      command_id: entry.commandId ?? null,
      detail_text: JSON.stringify(entry.detail),
      prev_hash: prev,
    }
    const hash = auditRowHash(row)
    prev = hash
    return { ...row, hash }
  })
  // The rows travel as one JSON text (pg escapes a text[] parameter character by character); each
  // detail is stored as the very text hashed (a `json` column keeps it as written).
  await client.query(
    `INSERT INTO central_audit (seq, at, action, staff_login, console_id, command_id, detail, prev_hash, hash)
    SELECT seq, $1::timestamptz, action, staff_login, console_id, command_id, detail_text::json, prev_hash, hash
    FROM json_to_recordset($2::json) AS t (seq bigint, action text, staff_login text, console_id uuid,
      command_id uuid, detail_text text, prev_hash text, hash text)`,
    [at, JSON.stringify(rows)],
  )
}
