import type BetterSqlite3 from 'better-sqlite3'
import type { InboxSettings, ReplyTemplate } from '@shared/contract'
import { unknownPlaceholders } from '@shared/domain/questions/reply-templates'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { questionDueUpkeep } from './question-due-upkeep'

export function readTemplates(db: BetterSqlite3.Database): ReplyTemplate[] {
  return db
    .prepare(`SELECT id, name, body FROM reply_templates WHERE active = 1 ORDER BY name COLLATE NOCASE`)
    .all() as ReplyTemplate[]
}

export function readInboxSettings(db: BetterSqlite3.Database): InboxSettings {
  const row = db
    .prepare(
      `SELECT due_days AS dueDays, round_robin AS roundRobin, open_cap AS openCap FROM inbox_settings WHERE id = 1`,
    )
    .get() as { dueDays: number; roundRobin: number; openCap: number }
  return { dueDays: row.dueDays, roundRobin: row.roundRobin === 1, openCap: row.openCap }
}

/**
 * A supervisor's template: checked here as the central service checks it (a name another template
 * has, a placeholder the consoles would not fill); it reaches every console through the feed.
 */
export const saveTemplate = defineSyncedCommand('questions.saveTemplate')<
  { id: number | null; name: string; body: string },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input) {
    const unknown = unknownPlaceholders(input.body)
    if (unknown.length) throw new AppError('UNKNOWN_PLACEHOLDER', { names: unknown.join(', ') })
    const taken = readTemplates(db).some(
      (template) =>
        template.name.toLocaleLowerCase('ru') === input.name.toLocaleLowerCase('ru') &&
        template.id !== input.id,
    )
    if (taken) throw new AppError('TEMPLATE_NAME_TAKEN', { name: input.name })
    if (input.id !== null)
      db.prepare(`UPDATE reply_templates SET name = ?, body = ? WHERE id = ?`).run(
        input.name,
        input.body,
        input.id,
      )
    return {
      result: {},
      changes: [{ entity: 'replyTemplate', entityId: input.id ?? input.name, before: null, after: input }],
    }
  },
})

export const removeTemplate = defineSyncedCommand('questions.removeTemplate')<
  { id: number },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input) {
    db.prepare(`UPDATE reply_templates SET active = 0 WHERE id = ?`).run(input.id)
    return {
      result: {},
      changes: [{ entity: 'replyTemplate', entityId: input.id, before: null, after: { active: false } }],
    }
  },
})

/** The supervisors' settings; a new number of days moves every open question's due date at once. */
export const saveInboxSettings = defineSyncedCommand('questions.saveSettings')<
  InboxSettings,
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const before = readInboxSettings(db)
    db.prepare(`UPDATE inbox_settings SET due_days = ?, round_robin = ?, open_cap = ? WHERE id = 1`).run(
      input.dueDays,
      input.roundRobin ? 1 : 0,
      input.openCap,
    )
    if (before.dueDays !== input.dueDays) questionDueUpkeep(db).refreshOpen(new Date(ctx.at))
    return { result: {}, changes: [{ entity: 'inboxSettings', entityId: 1, before, after: input }] }
  },
})
