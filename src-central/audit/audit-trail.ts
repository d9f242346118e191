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
 * The hash a row carries: its own content and its predecessor's hash. `detail` is hashed as the
 * text PostgreSQL gives back for jsonb (keys sorted its way), so the verifier recomputes the same.
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
  const tail = await client.query<{ seq: string; hash: string }>(
    `SELECT a.seq::text AS seq, a.hash FROM central_audit a ORDER BY a.seq DESC LIMIT 1`,
  )
  let seq = BigInt(tail.rows[0]?.seq ?? '0')
  let prev = tail.rows[0]?.hash ?? GENESIS_HASH
  // Written with its final text first, then hashed from what PostgreSQL stored: jsonb normalises
  // key order and spacing, and the verifier must see exactly what was hashed.
  const { rows: now } = await client.query<{ at: string }>(
    `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
  )
  const at = now[0]!.at
  const { rows: normalised } = await client.query<{ detail_text: string }>(
    `SELECT d::jsonb::text AS detail_text FROM unnest($1::text[]) WITH ORDINALITY AS t (d, n) ORDER BY n`,
    [entries.map((e) => JSON.stringify(e.detail))],
  )
  const seqs: string[] = []
  const hashes: string[] = []
  const prevs: string[] = []
  entries.forEach((entry, i) => {
    seq += 1n
    const row = {
      seq: seq.toString(),
      at,
      action: entry.action,
      staff_login: entry.staffLogin,
      console_id: entry.consoleId,
      command_id: entry.commandId ?? null,
      detail_text: normalised[i]!.detail_text,
      prev_hash: prev,
    }
    const hash = auditRowHash(row)
    seqs.push(row.seq)
    prevs.push(prev)
    hashes.push(hash)
    prev = hash
  })
  await client.query(
    `INSERT INTO central_audit (seq, at, action, staff_login, console_id, command_id, detail, prev_hash, hash)
    SELECT s::bigint, $1::timestamptz, a, l, c::uuid, i::uuid, d::jsonb, p, h
    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
      AS t (s, a, l, c, i, d, p, h)`,
    [
      at,
      seqs,
      entries.map((e) => e.action),
      entries.map((e) => e.staffLogin),
      entries.map((e) => e.consoleId),
      entries.map((e) => e.commandId ?? null),
      normalised.map((n) => n.detail_text),
      prevs,
      hashes,
    ],
  )
}
