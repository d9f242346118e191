import type pg from 'pg'
import type { CentralRow } from './local-mirror'

/**
 * The central database's current images of the rows named by outbox keys (`account:5`,
 * `reading:12:2026-11`): what a console takes once the central database has answered its command.
 */
export async function readCentralRows(
  client: pg.ClientBase | pg.Pool,
  keys: string[],
): Promise<CentralRow[]> {
  const accounts: number[] = []
  const webReadings: number[] = []
  const meters: number[] = []
  const periods: string[] = []
  for (const key of new Set(keys)) {
    const [entity, id, period] = key.split(':')
    if (entity === 'account') accounts.push(Number(id))
    if (entity === 'webReading') webReadings.push(Number(id))
    if (entity === 'reading' && period) {
      meters.push(Number(id))
      periods.push(period)
    }
  }
  const rows: CentralRow[] = []
  if (accounts.length) {
    const result = await client.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(a) AS row FROM accounts a WHERE id = ANY($1::bigint[])`,
      [accounts],
    )
    rows.push(...result.rows.map((r) => ({ table: 'accounts', op: 'U' as const, row: r.row })))
  }
  if (webReadings.length) {
    const result = await client.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(p) AS row FROM portal_readings p WHERE id = ANY($1::bigint[])`,
      [webReadings],
    )
    rows.push(...result.rows.map((r) => ({ table: 'portal_readings', op: 'U' as const, row: r.row })))
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
