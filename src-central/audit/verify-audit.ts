import type pg from 'pg'
import { auditRowHash, GENESIS_HASH } from './audit-trail'

export interface AuditVerdict {
  rows: number
  /** The first place the chain breaks: a row edited, removed or inserted out of turn. */
  broken: { seq: string; reason: 'gap' | 'prevHash' | 'hash' } | null
}

/**
 * Walks the central audit trail in order and recomputes every hash. Streams by keyset pages, so a
 * trail of millions of rows is checked in constant memory.
 */
export async function verifyAudit(client: pg.ClientBase | pg.Pool, pageSize = 5_000): Promise<AuditVerdict> {
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
      if (BigInt(row.seq) !== expected) return { rows, broken: { seq: expected.toString(), reason: 'gap' } }
      if (row.prev_hash !== prev) return { rows, broken: { seq: row.seq, reason: 'prevHash' } }
      if (auditRowHash(row) !== row.hash) return { rows, broken: { seq: row.seq, reason: 'hash' } }
      prev = row.hash
      expected += 1n
      rows += 1
    }
    if (page.rows.length < pageSize) return { rows, broken: null }
    after = page.rows[page.rows.length - 1]!.seq
  }
}
