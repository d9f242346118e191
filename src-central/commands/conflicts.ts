import type pg from 'pg'
import type { ConflictingReading } from '@shared/central/conflicting-reading'
import type { CentralPayload } from '@shared/central/commands'
import { parseRowKey } from '@shared/central/row-keys'
import { EDITABLE_ACCOUNT_FIELDS } from '@shared/contract'
import { APPLIED, refused, staffName, type CentralCommandContext, type CentralHandlers } from './outcome'

const ACCOUNT_FIELDS = new Set<string>(EDITABLE_ACCOUNT_FIELDS)

/**
 * A supervisor's resolution of a conflict (docs/central-service.md). Keeping the console's value
 * writes it as the console made it (its author, time, late mark and flags); keeping the central one changes no data. Resolved once: a second resolution from
 * another console is refused with who resolved it and when.
 */
async function resolveConflict(
  client: pg.ClientBase,
  payload: CentralPayload<'conflicts.resolve'>,
  ctx: CentralCommandContext,
) {
  const { rows } = await client.query<{
    kind: 'readingValue' | 'accountField'
    entity_key: string
    field: string | null
    console_value: unknown
    raised_by: string | null
    resolved_by: string | null
    resolved_at: Date | null
  }>(
    `SELECT kind, entity_key, field, console_value, raised_by, resolved_by, resolved_at FROM sync_conflicts
    WHERE id = $1 FOR UPDATE`,
    [payload.conflictId],
  )
  const conflict = rows[0]
  if (!conflict) return refused('NOT_FOUND', { what: 'conflict' })
  if (conflict.resolved_at)
    return refused('ALREADY_DECIDED', {
      by: await staffName(client, conflict.resolved_by),
      at: conflict.resolved_at.toISOString(),
    })
  if (payload.keep === 'console') {
    const key = parseRowKey(conflict.entity_key)
    if (conflict.kind === 'readingValue' && key?.entity === 'reading') {
      // Conflicts raised before the reading travelled whole hold only its value and source.
      const value = conflict.console_value as Partial<ConflictingReading> & {
        valueMilli: number
        source: string
      }
      await client.query(
        `UPDATE readings SET value_milli = $3, source = $4, received_at = COALESCE($5, received_at),
          late = COALESCE($6, late), flags = CASE WHEN $7::jsonb IS NULL THEN flags ELSE NULLIF($7::jsonb, '[]') END,
          entered_by = COALESCE((SELECT login FROM staff WHERE login = $8), entered_by), overridden_by = NULL, override_reason = NULL
        WHERE meter_id = $1 AND period = $2`,
        [
          key.meterId,
          key.period,
          value.valueMilli,
          value.source,
          value.receivedAt ?? null,
          value.late ?? null,
          value.flags ? JSON.stringify(value.flags) : null,
          conflict.raised_by,
        ],
      )
    } else if (key?.entity === 'account' && conflict.field && ACCOUNT_FIELDS.has(conflict.field)) {
      await client.query(`UPDATE accounts SET ${conflict.field} = $2, updated_at = now() WHERE id = $1`, [
        key.id,
        conflict.console_value,
      ])
    }
  }
  await client.query(
    `UPDATE sync_conflicts SET resolved_by = $2, resolved_at = now(), resolution = $3 WHERE id = $1`,
    [payload.conflictId, ctx.staffLogin, JSON.stringify({ keep: payload.keep, note: payload.note })],
  )
  return APPLIED
}

export const conflictsCommands: CentralHandlers<'conflicts.resolve'> = {
  'conflicts.resolve': resolveConflict,
}
