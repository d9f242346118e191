import { EDITABLE_ACCOUNT_FIELDS } from '@shared/contract'
import { defineSyncedCommand, type AuditChange } from '../../commands/pipeline'
import { AppError } from '../../errors'

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
        `SELECT kind, entity_key AS entityKey, field, console_value_json AS console, resolved_by AS resolvedBy,
        resolved_at AS resolvedAt FROM sync_conflicts WHERE id = ?`,
      )
      .get(input.conflictId) as
      | {
          kind: 'readingValue' | 'accountField'
          entityKey: string
          field: string | null
          console: string | null
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
        const reading = value as { valueMilli: number; source: string }
        db.prepare(`UPDATE readings SET value_milli = ?, source = ? WHERE meter_id = ? AND period = ?`).run(
          reading.valueMilli,
          reading.source,
          Number(id),
          period,
        )
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
