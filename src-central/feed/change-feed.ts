import type pg from 'pg'
import type { FeedAnswer as FeedPage } from '@shared/central/api'
import type { FeedCursor } from '@shared/central/rows'
import { spokenTable, withOldColumnNames } from './old-feed-names'
import { CONSOLE_TABLES, HIDDEN_COLUMNS } from './visible-rows'

/**
 * Reads the central change feed past `cursor`, in (txid, id) order, and only below the oldest
 * transaction still running: see the change-feed migration for why that never skips a row.
 */
export async function readFeed(
  pool: pg.Pool | pg.ClientBase,
  cursor: FeedCursor,
  limit: number,
  oldNames = false,
): Promise<FeedPage> {
  return JSON.parse(await readFeedJson(pool, cursor, limit, oldNames)) as FeedPage
}

/**
 * The same page as the JSON text a console is sent. The rows go out as PostgreSQL prints them, what
 * a console may not see already taken out there: the service neither parses nor re-serialises them
 * (for a pull of 50,000 account rows that was most of its work).
 */
export async function readFeedJson(
  pool: pg.Pool | pg.ClientBase,
  cursor: FeedCursor,
  limit: number,
  /** For a console that predates the questions' one name (`old-feed-names.ts`). */
  oldNames = false,
): Promise<string> {
  // Rows below the oldest running transaction sort before every row at or above it, so one read past
  // the cursor, one row longer than the page, gives both the page and whether committed rows wait
  // behind an open transaction (the first row that is not safe yet).
  const { rows } = await pool.query<{
    txid_text: string
    id_text: string
    table_name: string
    op: 'I' | 'U' | 'D'
    row_json: string
    safe: boolean
  }>(
    // Ordered by the columns themselves: the text copies below would sort '10' before '6'.
    `SELECT c.txid::text AS txid_text, c.id::text AS id_text, c.table_name, c.op,
      (${oldNames ? VISIBLE_ROW_DATA_OLD_NAMES : VISIBLE_ROW_DATA})::text AS row_json, c.txid < pg_snapshot_xmin(pg_current_snapshot()) AS safe
    FROM change_log c WHERE (c.txid, c.id) > ($1::text::xid8, $2::bigint)
    ORDER BY c.txid, c.id LIMIT $3`,
    [cursor.txid, cursor.id, limit + 1],
  )
  const firstUnsafe = rows.findIndex((row) => !row.safe)
  const page = rows.slice(0, Math.min(limit, firstUnsafe < 0 ? rows.length : firstUnsafe))
  const last = page[page.length - 1]
  const next: FeedCursor = last ? { txid: last.txid_text, id: last.id_text } : cursor
  const heldBack = firstUnsafe >= 0 && firstUnsafe <= limit && page.length < limit
  // Filtered after paging, so the cursor still moves past rows a console may not see.
  const changes = page
    .filter((r) => CONSOLE_TABLES.has(r.table_name))
    .map(
      (r) =>
        `{"table":${JSON.stringify(spokenTable(r.table_name, oldNames))},"op":"${r.op}","row":${r.row_json}}`,
    )
  return `{"changes":[${changes.join(',')}],"next":${JSON.stringify(next)},"heldBack":${heldBack}}`
}

/** `row_data` without the columns a console may not see (`visible-rows.ts`), in SQL. */
const VISIBLE_ROW_DATA = `CASE c.table_name ${Object.entries(HIDDEN_COLUMNS)
  .map(([table, columns]) => `WHEN '${table}' THEN c.row_data - '{${columns.join(',')}}'::text[]`)
  .join(' ')} ELSE c.row_data END`

/** The same for a console built before the questions' one name (`old-feed-names.ts`). */
const VISIBLE_ROW_DATA_OLD_NAMES = withOldColumnNames(VISIBLE_ROW_DATA)

/** The feed position below which everything has finished now: where a fresh console's copy starts. */
export async function feedSafePoint(pool: pg.Pool | pg.ClientBase): Promise<FeedCursor> {
  const { rows } = await pool.query<{ xmin: string }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
  )
  // Changes of transactions from xmin on may or may not be in the copy; replaying them is harmless.
  return { txid: (BigInt(rows[0]!.xmin) - 1n).toString(), id: '9223372036854775807' }
}
