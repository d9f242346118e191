import type pg from 'pg'
import { parseRowKey } from '@shared/central/row-keys'
import { SYNCED_TABLES } from '@shared/central/table-catalogue'
import type { CentralRow } from '@shared/central/rows'
import { visibleRow } from './visible-rows'

interface SingleKey {
  table: string
  column: string
  type: 'bigint' | 'text'
  removable: boolean
}

/**
 * The central row behind each single-column key, from the table catalogue's tables that declare the
 * key's type. `removable`: when the central database has no such row (the command that created it on
 * the console was refused), the console takes its copy back.
 */
const SINGLE_KEY = new Map<string, SingleKey>(
  SYNCED_TABLES.flatMap((table) =>
    'keyType' in table
      ? [
          [
            table.entity,
            {
              table: table.central,
              column: table.key[0],
              type: table.keyType,
              removable: 'removable' in table && table.removable,
            },
          ],
        ]
      : [],
  ),
)

/**
 * The central images of the rows named by row keys (`account:5`, `reading:12:2026-11`,
 * `claim:webRegistration:7`): what a console takes once the service has answered its command.
 */
export async function readCentralRows(
  client: pg.ClientBase | pg.Pool,
  keys: string[],
): Promise<CentralRow[]> {
  const ids = new Map<string, string[]>()
  const meters: number[] = []
  const periods: string[] = []
  for (const text of new Set(keys)) {
    const key = parseRowKey(text)
    if (!key) continue
    if (key.entity === 'reading') {
      meters.push(key.meterId)
      periods.push(key.period)
      continue
    }
    const value =
      key.entity === 'staff'
        ? key.login
        : key.entity === 'claim'
          ? key.claimed
          : key.entity === 'periodClosure'
            ? key.period
            : String(key.id)
    // Rows a console only copies (charges, a question's messages) come through the feed, not here.
    if (!SINGLE_KEY.has(key.entity)) continue
    const values = ids.get(key.entity)
    if (values) values.push(value)
    else ids.set(key.entity, [value])
  }
  const rows: CentralRow[] = []
  for (const [entity, values] of ids) {
    const spec = SINGLE_KEY.get(entity)!
    // One index lookup per key: as a join, the planner hashed the whole table (every account read
    // for each pushed batch of contact edits).
    const result = await client.query<{ key: string; row: Record<string, unknown> | null }>(
      `SELECT k.key::text AS key,
        (SELECT to_jsonb(t) FROM ${spec.table} t WHERE t.${spec.column} = k.key) AS row
      FROM unnest($1::${spec.type}[]) AS k (key)`,
      [values],
    )
    for (const r of result.rows) {
      if (r.row) rows.push({ table: spec.table, op: 'U', row: visibleRow(spec.table, r.row) })
      else if (spec.removable) rows.push({ table: spec.table, op: 'D', row: { [spec.column]: r.key } })
    }
  }
  if (meters.length) {
    // A reading the central database does not have (another console's check of the same web reading
    // won) is taken back locally: the image says "deleted".
    const result = await client.query<{
      meter_id: number
      period: string
      row: Record<string, unknown> | null
    }>(
      `SELECT k.meter_id, k.period,
        (SELECT to_jsonb(r) FROM readings r WHERE r.meter_id = k.meter_id AND r.period = k.period) AS row
      FROM unnest($1::bigint[], $2::text[]) AS k (meter_id, period)`,
      [meters, periods],
    )
    rows.push(
      ...result.rows.map((r) =>
        r.row
          ? { table: 'readings', op: 'U' as const, row: r.row }
          : { table: 'readings', op: 'D' as const, row: { meter_id: r.meter_id, period: r.period } },
      ),
    )
  }
  return rows
}
