import type BetterSqlite3 from 'better-sqlite3'
import { defineSyncedCommand, type CommandContext } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { questionDueUpkeep } from './question-due-upkeep'
import { questionClaimKey, questionReader } from './question-reader'

export interface Answer {
  questionId: number
  body: string
  then: 'answered' | 'waiting'
  seenMessageId: number
}

/**
 * The message as this console wrote it, shown at once and marked "being sent" until the central row
 * (with the same command id) takes its place; refused, it stays with the reason, so nothing typed is lost.
 */
function writePending(
  db: BetterSqlite3.Database,
  questionId: number,
  kind: 'answer' | 'note',
  body: string,
  ctx: CommandContext,
) {
  db.prepare(
    `INSERT INTO web_question_messages (id, question_id, kind, body, staff_login, command_id, at, version)
    VALUES ((SELECT min(0, coalesce(min(id), 0)) - 1 FROM web_question_messages), ?, ?, ?, ?, ?, ?, 0)`,
  ).run(questionId, kind, body, ctx.staff!.login, ctx.commandId, ctx.at)
}

/**
 * An answer to the subscriber (docs/business-rules.md#subscribers-questions), refused here for what this
 * console already knows — someone else has the question open, or answered it after what this person
 * saw — and decided by the central database between consoles.
 */
export const answerQuestion = defineSyncedCommand('questions.answer')<Answer, Record<string, never>>({
  outboxPayload: (input) => ({ ...input, body: input.body.trim() }),
  apply(db, input, ctx) {
    const row = questionReader(db).require(input.questionId)
    const holder = claimHolder(db, questionClaimKey(row.id), ctx.staff!.login, new Date(ctx.at))
    if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
    const later = db
      .prepare(
        `SELECT m.at, coalesce(s.full_name, m.staff_login) AS name FROM web_question_messages m
        LEFT JOIN staff s ON s.login = m.staff_login
        WHERE m.question_id = ? AND m.kind = 'answer' AND m.id > ? ORDER BY m.id LIMIT 1`,
      )
      .get(row.id, input.seenMessageId) as { at: string; name: string | null } | undefined
    if (later) throw new AppError('ALREADY_ANSWERED', { by: later.name, at: later.at })
    if (row.state === 'closed') throw new AppError('QUESTION_DONE')
    writePending(db, row.id, 'answer', input.body.trim(), ctx)
    db.prepare(
      `UPDATE web_questions SET state = ?, answer = ?, answered_by = ?, answered_at = ?,
      assigned_to = coalesce(assigned_to, ?) WHERE id = ?`,
    ).run(input.then, input.body.trim(), ctx.staff!.login, ctx.at, ctx.staff!.login, row.id)
    questionDueUpkeep(db).refresh([row.id], new Date(ctx.at))
    return {
      result: {},
      changes: [
        {
          entity: 'question',
          entityId: row.id,
          before: { state: row.state },
          after: { state: input.then, answer: input.body.trim() },
        },
      ],
    }
  },
})

/** A note for colleagues, on the question's conversation; it is never sent. */
export const addNote = defineSyncedCommand('questions.note')<
  { questionId: number; body: string },
  Record<string, never>
>({
  outboxPayload: (input) => ({ ...input, body: input.body.trim() }),
  apply(db, input, ctx) {
    const row = questionReader(db).require(input.questionId)
    writePending(db, row.id, 'note', input.body.trim(), ctx)
    return {
      result: {},
      changes: [{ entity: 'question', entityId: row.id, before: null, after: { note: input.body.trim() } }],
    }
  },
})
