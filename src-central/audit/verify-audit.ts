import type pg from 'pg'
import { auditRowHash, GENESIS_HASH } from './audit-trail'

/** A row of the trail someone saw earlier and kept away from the database (a witness file). */
export interface AuditHead {
  seq: string
  hash: string
}

export interface AuditVerdict {
  rows: number
  /** The last row: what a witness keeps, so that a trail cut short later is caught. */
  head: AuditHead | null
  /**
   * The first place the chain breaks: a row edited, removed or inserted out of turn, or the trail
   * cut back below a head a witness saw.
   */
  broken: { seq: string; reason: 'gap' | 'prevHash' | 'hash' | 'truncated' } | null
}

/**
 * Walks the central audit trail in order and recomputes every hash. Streams by keyset pages, so a
 * trail of millions of rows is checked in constant memory.
 */
export async function verifyAudit(
  client: pg.ClientBase | pg.Pool,
  options: { witness?: AuditHead | null; pageSize?: number } = {},
): Promise<AuditVerdict> {
  const pageSize = options.pageSize ?? 5_000
  const witness = options.witness ?? null
  let witnessed = witness === null
  let head: AuditHead | null = null
  let prev = GENESIS_HASH
  let expected = 1n
  let rows = 0
  let after = '0'
  for (;;) {
    const page = await client.query<{
      seq: string
      at: string
      action: string
      staff_login: string | null
      console_id: string | null
      command_id: string | null
      detail_text: string
      prev_hash: string
      hash: string
    }>(
      `SELECT a.seq::text AS seq, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
        a.action, a.staff_login, a.console_id::text AS console_id, a.command_id::text AS command_id,
        a.detail::text AS detail_text, a.prev_hash, a.hash
      FROM central_audit a WHERE a.seq > $1::bigint ORDER BY a.seq LIMIT $2`,
      [after, pageSize],
    )
    for (const row of page.rows) {
      if (BigInt(row.seq) !== expected)
        return { rows, head, broken: { seq: expected.toString(), reason: 'gap' } }
      if (row.prev_hash !== prev) return { rows, head, broken: { seq: row.seq, reason: 'prevHash' } }
      if (auditRowHash(row) !== row.hash) return { rows, head, broken: { seq: row.seq, reason: 'hash' } }
      if (witness && row.seq === witness.seq) {
        if (row.hash !== witness.hash) return { rows, head, broken: { seq: row.seq, reason: 'hash' } }
        witnessed = true
      }
      prev = row.hash
      head = { seq: row.seq, hash: row.hash }
      expected += 1n
      rows += 1
    }
    if (page.rows.length < pageSize)
      return { rows, head, broken: witnessed ? null : { seq: witness!.seq, reason: 'truncated' } }
    after = page.rows[page.rows.length - 1]!.seq
  }
}
