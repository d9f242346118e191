import type pg from 'pg'
import { parseRowKey } from '@shared/central/row-keys'
import type { CentralRow } from '@shared/central/rows'
import { visibleRow } from './visible-rows'

/**
 * The central row behind each single-column key. `removable`: when the central database has no such
 * row (the command that created it on the console was refused), the console takes its copy back.
 */
const SINGLE_KEY = {
  account: { table: 'accounts', column: 'id', type: 'bigint' },
  meter: { table: 'meters', column: 'id', type: 'bigint' },
  webReading: { table: 'portal_readings', column: 'id', type: 'bigint' },
  webRegistration: { table: 'portal_registrations', column: 'id', type: 'bigint' },
  webRequest: { table: 'portal_requests', column: 'id', type: 'bigint' },
  question: { table: 'portal_questions', column: 'id', type: 'bigint' },
  replyTemplate: { table: 'reply_templates', column: 'id', type: 'bigint' },
  inboxSettings: { table: 'inbox_settings', column: 'id', type: 'bigint' },
  conflict: { table: 'sync_conflicts', column: 'id', type: 'bigint' },
  cabinet: { table: 'cabinets', column: 'account_id', type: 'bigint', removable: true },
  claim: { table: 'claims', column: 'entity_key', type: 'text', removable: true },
  staff: { table: 'staff', column: 'login', type: 'text' },
  periodClosure: { table: 'period_closures', column: 'period', type: 'text' },
} as const satisfies Record<
  string,
  { table: string; column: string; type: 'bigint' | 'text'; removable?: boolean }
>

/**
 * The central images of the rows named by row keys (`account:5`, `reading:12:2026-11`,
 * `claim:webRegistration:7`): what a console takes once the service has answered its command.
 */
export async function readCentralRows(
  client: pg.ClientBase | pg.Pool,
  keys: string[],
): Promise<CentralRow[]> {
  const ids = new Map<keyof typeof SINGLE_KEY, string[]>()
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
    if (!(key.entity in SINGLE_KEY)) continue
    const entity = key.entity as keyof typeof SINGLE_KEY
    const values = ids.get(entity)
    if (values) values.push(value)
    else ids.set(entity, [value])
  }
  const rows: CentralRow[] = []
  for (const [entity, values] of ids) {
    const spec: { table: string; column: string; type: string; removable?: boolean } = SINGLE_KEY[entity]
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
