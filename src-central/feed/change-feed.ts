import type pg from 'pg'
import type { FeedAnswer as FeedPage } from '@shared/central/api'
import type { FeedCursor } from '@shared/central/rows'
import { visibleChanges } from './visible-rows'

/**
 * Reads the central change feed past `cursor`, in (txid, id) order, and only below the oldest
 * transaction still running: see the change-feed migration for why that never skips a row.
 */
export async function readFeed(
  pool: pg.Pool | pg.ClientBase,
  cursor: FeedCursor,
  limit: number,
): Promise<FeedPage> {
  const { rows } = await pool.query<{
    txid_text: string
    id_text: string
    table_name: string
    op: 'I' | 'U' | 'D'
    row_data: Record<string, unknown>
  }>(
    // Ordered by the columns themselves: the text copies below would sort '10' before '6'.
    `SELECT c.txid::text AS txid_text, c.id::text AS id_text, c.table_name, c.op, c.row_data FROM change_log c
    WHERE (c.txid, c.id) > ($1::text::xid8, $2::bigint) AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY c.txid, c.id LIMIT $3`,
    [cursor.txid, cursor.id, limit],
  )
  const last = rows[rows.length - 1]
  const next = last ? { txid: last.txid_text, id: last.id_text } : cursor
  return {
    // Filtered after paging, so the cursor still moves past rows a console may not see.
    changes: visibleChanges(rows.map((r) => ({ table: r.table_name, op: r.op, row: r.row_data }))),
    next,
    heldBack: rows.length < limit && (await heldBack(pool, next)),
  }
}

/** Whether committed changes past `cursor` are held back by an older transaction still running. */
async function heldBack(pool: pg.Pool | pg.ClientBase, cursor: FeedCursor): Promise<boolean> {
  const { rows } = await pool.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM change_log c WHERE (c.txid, c.id) > ($1::text::xid8, $2::bigint)
      AND c.txid >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
    [cursor.txid, cursor.id],
  )
  return rows[0]!.held
}

/** The feed position below which everything has finished now: where a fresh console's copy starts. */
export async function feedSafePoint(pool: pg.Pool | pg.ClientBase): Promise<FeedCursor> {
  const { rows } = await pool.query<{ xmin: string }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
  )
  // Changes of transactions from xmin on may or may not be in the copy; replaying them is harmless.
  return { txid: (BigInt(rows[0]!.xmin) - 1n).toString(), id: '9223372036854775807' }
}
