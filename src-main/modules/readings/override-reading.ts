import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'

/**
 * A supervisor accepts a late or flagged reading as it is (docs/business-rules.md#meter-readings): the late
 * mark and the flags are cleared for billing, the reason and who decided stay on the reading and in the audit
 * log.
 */
export const overrideReading = defineSyncedCommand('readings.override')<
  { meterId: number; period: string; reason: string },
  void
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const before = db
      .prepare(`SELECT late, flags FROM readings WHERE meter_id = ? AND period = ?`)
      .get(input.meterId, input.period) as { late: number; flags: string | null } | undefined
    if (!before) throw new AppError('NOT_FOUND', { what: 'reading' })
    if (before.late === 0 && before.flags === null) throw new AppError('NOTHING_TO_OVERRIDE')
    db.prepare(
      `UPDATE readings SET late = 0, flags = NULL, overridden_by = ?, override_reason = ? WHERE meter_id = ? AND period = ?`,
    ).run(ctx.staff?.id ?? null, input.reason, input.meterId, input.period)
    return {
      result: undefined,
      changes: [
        {
          entity: 'reading',
          entityId: `${input.meterId}:${input.period}`,
          before: {
            late: before.late === 1,
            flags: before.flags ? (JSON.parse(before.flags) as unknown) : null,
          },
          after: { late: false, flags: null, overrideReason: input.reason },
        },
      ],
    }
  },
})
