import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { unknownPlaceholders } from '@shared/domain/questions/reply-templates'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'

/**
 * Reply templates and the inbox's settings: supervisors' word, the same on every console. A template
 * whose placeholder the consoles would not know is refused (it would reach a subscriber as braces).
 */
async function saveTemplate(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.saveTemplate'>,
  ctx: CentralCommandContext,
) {
  const unknown = unknownPlaceholders(payload.body)
  if (unknown.length) return refused('UNKNOWN_PLACEHOLDER', { names: unknown.join(', ') })
  const { rowCount: taken } = await client.query(
    `SELECT 1 FROM reply_templates WHERE lower(name) = lower($1) AND active AND id IS DISTINCT FROM $2::bigint`,
    [payload.name, payload.id],
  )
  if (taken) return refused('TEMPLATE_NAME_TAKEN', { name: payload.name })
  if (payload.id === null) {
    await client.query(`INSERT INTO reply_templates (name, body, updated_by) VALUES ($1, $2, $3)`, [
      payload.name,
      payload.body,
      ctx.staffLogin,
    ])
    return APPLIED
  }
  const { rowCount } = await client.query(
    `UPDATE reply_templates SET name = $2, body = $3, updated_by = $4, updated_at = now() WHERE id = $1 AND active`,
    [payload.id, payload.name, payload.body, ctx.staffLogin],
  )
  return rowCount ? APPLIED : refused('NOT_FOUND', { what: 'template' })
}

/** Kept, inactive: answers already sent were written from it, and the audit names it. */
async function removeTemplate(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.removeTemplate'>,
  ctx: CentralCommandContext,
) {
  await client.query(
    `UPDATE reply_templates SET active = false, updated_by = $2, updated_at = now() WHERE id = $1 AND active`,
    [payload.id, ctx.staffLogin],
  )
  return APPLIED
}

async function saveSettings(client: pg.ClientBase, payload: CentralPayload<'questions.saveSettings'>) {
  await client.query(
    `UPDATE inbox_settings SET due_days = $1, round_robin = $2, open_cap = $3 WHERE id = 1`,
    [payload.dueDays, payload.roundRobin, payload.openCap],
  )
  return APPLIED
}

export const inboxSettingsCommands: CentralHandlers<
  'questions.saveTemplate' | 'questions.removeTemplate' | 'questions.saveSettings'
> = {
  'questions.saveTemplate': saveTemplate,
  'questions.removeTemplate': removeTemplate,
  'questions.saveSettings': saveSettings,
}
