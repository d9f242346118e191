import type pg from 'pg'
import { moscowDate } from '@shared/domain/moscow-time'
import { closingRefusal } from '@shared/domain/period-closing'
import type { CentralPayload } from '@shared/central/commands'
import { APPLIED, refused, type CentralCommandContext } from './outcome'

/**
 * The one list of closed periods every console follows (docs/business-rules.md#meter-readings: a period
 * closes when its register goes to billing, early only with a reason; reopening needs a reason).
 */
export async function setPeriodClosed(
  client: pg.ClientBase,
  payload: CentralPayload<'readings.setPeriodClosed'>,
  ctx: CentralCommandContext,
) {
  const { rows } = await client.query<{ closed: boolean }>(
    `SELECT closed FROM period_closures WHERE period = $1 FOR UPDATE`,
    [payload.period],
  )
  if ((rows[0]?.closed ?? false) === payload.closed)
    return refused(payload.closed ? 'PERIOD_ALREADY_CLOSED' : 'PERIOD_NOT_CLOSED', { period: payload.period })
  // Judged as of the day the supervisor made it, as the console judged it.
  const refusal = closingRefusal(payload, moscowDate(new Date(ctx.madeAt)))
  if (refusal) {
    const { code, ...params } = refusal
    return refused(code, params)
  }
  await client.query(
    `INSERT INTO period_closures (period, closed, changed_by, changed_at, reason) VALUES ($1, $2, $3, now(), $4)
    ON CONFLICT (period) DO UPDATE SET closed = excluded.closed, changed_by = excluded.changed_by,
    changed_at = excluded.changed_at, reason = excluded.reason`,
    [payload.period, payload.closed, ctx.staffLogin, payload.reason],
  )
  return APPLIED
}

/** The periods closed centrally, read once. */
export async function closedPeriods(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query<{ period: string }>(`SELECT period FROM period_closures WHERE closed`)
  return new Set(rows.map((r) => r.period.trim()))
}
