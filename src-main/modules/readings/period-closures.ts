import type BetterSqlite3 from 'better-sqlite3'
import type { IsClosed } from '@shared/domain/billing-period'
import { moscowDate } from '@shared/domain/moscow-time'
import { closingRefusal } from '@shared/domain/period-closing'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'

export interface PeriodClosure {
  period: string
  closed: boolean
  changedBy: string | null
  changedAt: string
  reason: string | null
}

const closedStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>()

/**
 * Which periods billing already has (this console's copy of the central list). Asked for every form
 * saved, so its statement is prepared once per database.
 */
export function closedPeriods(db: BetterSqlite3.Database): IsClosed {
  let statement = closedStatements.get(db)
  if (!statement) {
    statement = db.prepare(`SELECT period FROM period_closures WHERE closed = 1`).pluck()
    closedStatements.set(db, statement)
  }
  const closed = new Set(statement.all() as string[])
  return (period) => closed.has(period)
}

export function readClosure(db: BetterSqlite3.Database, period: string): PeriodClosure | null {
  const row = db
    .prepare(
      `SELECT period, closed, changed_by AS changedBy, changed_at AS changedAt, reason FROM period_closures WHERE period = ?`,
    )
    .get(period) as (Omit<PeriodClosure, 'closed'> & { closed: number }) | undefined
  return row ? { ...row, closed: row.closed === 1 } : null
}

/**
 * A supervisor closes a period (its register went to billing; one still collecting readings only with
 * a reason) or reopens it with a reason (docs/business-rules.md#meter-readings). Central: the service keeps the one list every console follows.
 */
export const setPeriodClosed = defineSyncedCommand('readings.setPeriodClosed')<
  { period: string; closed: boolean; reason: string | null },
  void
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const before = readClosure(db, input.period)
    if ((before?.closed ?? false) === input.closed)
      throw new AppError(input.closed ? 'PERIOD_ALREADY_CLOSED' : 'PERIOD_NOT_CLOSED', {
        period: input.period,
      })
    const refusal = closingRefusal(input, moscowDate(new Date(ctx.at)))
    if (refusal) {
      const { code, ...params } = refusal
      throw new AppError(code, params)
    }
    db.prepare(
      `INSERT INTO period_closures (period, closed, changed_by, changed_at, reason) VALUES (@period, @closed, @by, @at, @reason)
      ON CONFLICT (period) DO UPDATE SET closed = excluded.closed, changed_by = excluded.changed_by,
      changed_at = excluded.changed_at, reason = excluded.reason`,
    ).run({
      period: input.period,
      closed: input.closed ? 1 : 0,
      by: ctx.staff?.login ?? null,
      at: ctx.at,
      reason: input.reason,
    })
    return {
      result: undefined,
      changes: [
        {
          entity: 'periodClosure',
          entityId: input.period,
          before: before ? { closed: before.closed } : null,
          after: { closed: input.closed, reason: input.reason },
        },
      ],
    }
  },
})
