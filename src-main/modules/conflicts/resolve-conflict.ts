import { EDITABLE_ACCOUNT_FIELDS } from '@shared/contract'
import { defineSyncedCommand, type AuditChange } from '../../commands/pipeline'
import { AppError } from '../../errors'
import type { ConflictingReading } from '@shared/central/conflicting-reading'

export interface ConflictResolution {
  conflictId: number
  keep: 'central' | 'console'
  note: string | null
}

/**
 * A supervisor settles a conflict sync could not (docs/central-service.md). Keeping the console's
 * value writes it here at once; the central database applies it, or refuses when another supervisor
 * resolved the conflict first.
 */
export const resolveConflict = defineSyncedCommand('conflicts.resolve')<
  ConflictResolution,
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const conflict = db
      .prepare(
        `SELECT kind, entity_key AS entityKey, field, console_value_json AS console, raised_by AS raisedBy,
        resolved_by AS resolvedBy, resolved_at AS resolvedAt FROM sync_conflicts WHERE id = ?`,
      )
      .get(input.conflictId) as
      | {
          kind: 'readingValue' | 'accountField'
          entityKey: string
          field: string | null
          console: string | null
          raisedBy: string | null
          resolvedBy: string | null
          resolvedAt: string | null
        }
      | undefined
    if (!conflict) throw new AppError('NOT_FOUND', { what: 'conflict' })
    if (conflict.resolvedAt)
      throw new AppError('ALREADY_DECIDED', { by: conflict.resolvedBy, at: conflict.resolvedAt })
    const changes: AuditChange[] = []
    const [, id, period] = conflict.entityKey.split(':')
    if (input.keep === 'console' && conflict.console !== null) {
      const value = JSON.parse(conflict.console) as unknown
      if (conflict.kind === 'readingValue') {
        // As the service writes it: the reading as its console made it (conflicts raised before the
        // reading travelled whole hold only its value and source).
        const reading = value as Partial<ConflictingReading> & { valueMilli: number; source: string }
        db.prepare(
          `UPDATE readings SET value_milli = @valueMilli, source = @source,
            received_at = COALESCE(@receivedAt, received_at), late = COALESCE(@late, late),
            flags = CASE WHEN @flags IS NULL THEN flags ELSE NULLIF(@flags, '[]') END,
            entered_by = COALESCE((SELECT id FROM staff WHERE login = @raisedBy), entered_by),
            overridden_by = NULL, override_reason = NULL
          WHERE meter_id = @meterId AND period = @period`,
        ).run({
          valueMilli: reading.valueMilli,
          source: reading.source,
          receivedAt: reading.receivedAt ?? null,
          late: reading.late === undefined ? null : Number(reading.late),
          flags: reading.flags ? JSON.stringify(reading.flags) : null,
          raisedBy: conflict.raisedBy,
          meterId: Number(id),
          period,
        })
        changes.push({ entity: 'reading', entityId: `${id}:${period}`, before: null, after: reading })
      } else if (conflict.field && (EDITABLE_ACCOUNT_FIELDS as readonly string[]).includes(conflict.field)) {
        db.prepare(`UPDATE accounts SET ${conflict.field} = ? WHERE id = ?`).run(value, Number(id))
        changes.push({
          entity: 'account',
          entityId: Number(id),
          before: null,
          after: { [conflict.field]: value },
        })
      }
    }
    db.prepare(
      `UPDATE sync_conflicts SET resolved_by = ?, resolved_at = ?, resolution_json = ? WHERE id = ?`,
    ).run(ctx.staff!.login, ctx.at, JSON.stringify({ keep: input.keep, note: input.note }), input.conflictId)
    changes.push({
      entity: 'conflict',
      entityId: input.conflictId,
      before: null,
      after: { keep: input.keep, note: input.note },
    })
    return { result: {}, changes }
  },
})
