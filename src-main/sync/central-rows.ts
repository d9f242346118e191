import type pg from 'pg'
import type { CentralRow } from './local-mirror'

/**
 * The central row behind each outbox entity whose key is a single column. `removable`: when the
 * central database has no such row (the command that created it locally was refused), the console
 * takes its copy back.
 */
const SINGLE_KEY: Record<
  string,
  { table: string; column: string; type: 'bigint' | 'text'; removable?: true }
> = {
  account: { table: 'accounts', column: 'id', type: 'bigint' },
  webReading: { table: 'portal_readings', column: 'id', type: 'bigint' },
  webRegistration: { table: 'portal_registrations', column: 'id', type: 'bigint' },
  conflict: { table: 'sync_conflicts', column: 'id', type: 'bigint' },
  cabinet: { table: 'cabinets', column: 'account_id', type: 'bigint', removable: true },
  claim: { table: 'claims', column: 'entity_key', type: 'text', removable: true },
}

/**
 * The central database's current images of the rows named by outbox keys (`account:5`,
 * `reading:12:2026-11`, `claim:webRegistration:7`): what a console takes once the central database
 * has answered its command.
 */
export async function readCentralRows(
  client: pg.ClientBase | pg.Pool,
  keys: string[],
): Promise<CentralRow[]> {
  const ids = new Map<string, string[]>()
  const meters: number[] = []
  const periods: string[] = []
  for (const key of new Set(keys)) {
    const colon = key.indexOf(':')
    const entity = key.slice(0, colon)
    const id = key.slice(colon + 1)
    if (entity === 'reading') {
      const [meterId, period] = id.split(':')
      meters.push(Number(meterId))
      periods.push(period!)
    } else if (SINGLE_KEY[entity]) ids.set(entity, [...(ids.get(entity) ?? []), id])
  }
  const rows: CentralRow[] = []
  for (const [entity, values] of ids) {
    const { table, column, type, removable } = SINGLE_KEY[entity]!
    const result = await client.query<{ key: string; row: Record<string, unknown> | null }>(
      `SELECT k.key::text AS key, to_jsonb(t) AS row FROM unnest($1::${type}[]) AS k (key)
      LEFT JOIN ${table} t ON t.${column} = k.key`,
      [values],
    )
    for (const r of result.rows) {
      if (r.row) rows.push({ table, op: 'U', row: r.row })
      else if (removable) rows.push({ table, op: 'D', row: { [column]: r.key } })
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
      `SELECT k.meter_id, k.period, to_jsonb(r) AS row FROM unnest($1::bigint[], $2::text[]) AS k (meter_id, period)
      LEFT JOIN readings r ON r.meter_id = k.meter_id AND r.period = k.period`,
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
