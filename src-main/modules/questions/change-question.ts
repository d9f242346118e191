import { decideAssignment } from '@shared/domain/questions/question-assignment'
import { decideClosing, type Asker } from '@shared/domain/questions/question-closing'
import type { CloseReason } from '@shared/domain/questions/question-states'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { findStaffByLogin } from '../staff/staff-queries'
import { questionDueUpkeep } from './question-due-upkeep'
import { questionClaimKey, questionReader, type QuestionRow } from './question-reader'
import type BetterSqlite3 from 'better-sqlite3'
import type { CommandContext } from '../../commands/pipeline'

const askerOf = (row: QuestionRow): Asker => ({
  email: row.email,
  phone: row.phone,
  accountNumbers: [row.accountNumber, row.linkedAccount],
})

/** The question, unless another person has it open (then nobody else changes it). */
function unheld(db: BetterSqlite3.Database, questionId: number, ctx: CommandContext): QuestionRow {
  const row = questionReader(db).require(questionId)
  const holder = claimHolder(db, questionClaimKey(row.id), ctx.staff!.login, new Date(ctx.at))
  if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
  return row
}

/** Links the question to an account this console knows, or unlinks it. */
export const linkQuestion = defineSyncedCommand('questions.link')<
  { questionId: number; accountNumber: string | null },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const row = unheld(db, input.questionId, ctx)
    if (
      input.accountNumber !== null &&
      !db.prepare(`SELECT 1 FROM accounts WHERE number = ?`).get(input.accountNumber)
    )
      throw new AppError('UNKNOWN_ACCOUNT', { number: input.accountNumber })
    db.prepare(`UPDATE web_questions SET linked_account = ? WHERE id = ?`).run(input.accountNumber, row.id)
    return {
      result: {},
      changes: [
        {
          entity: 'question',
          entityId: row.id,
          before: { linkedAccount: row.linkedAccount },
          after: { linkedAccount: input.accountNumber },
        },
      ],
    }
  },
})

/** Gives a question to a person or back to nobody, as `decideAssignment` allows. */
export const assignQuestion = defineSyncedCommand('questions.assign')<
  { questionId: number; to: string | null },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const row = unheld(db, input.questionId, ctx)
    const decision = decideAssignment(
      {
        state: row.state,
        assignedTo: row.assignedTo,
        assigneeActive: input.to === null ? null : (findStaffByLogin(db, input.to)?.active ?? false),
      },
      input.to,
      ctx.staff!,
    )
    if ('refusal' in decision)
      throw new AppError(decision.refusal, 'what' in decision ? { what: decision.what } : {})
    if (!decision.changed) return { result: {}, changes: [] }
    db.prepare(`UPDATE web_questions SET assigned_to = ?, state = ? WHERE id = ?`).run(
      input.to,
      decision.state,
      row.id,
    )
    questionDueUpkeep(db).refresh([row.id], new Date(ctx.at))
    return {
      result: {},
      changes: [
        {
          entity: 'question',
          entityId: row.id,
          before: { assignedTo: row.assignedTo },
          after: { assignedTo: input.to },
        },
      ],
    }
  },
})

/** Done without an answer of its own: a duplicate (of which question), resolved otherwise, or spam. */
export const closeQuestion = defineSyncedCommand('questions.close')<
  { questionId: number; reason: CloseReason; duplicateOf: number | null },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const row = unheld(db, input.questionId, ctx)
    const original =
      input.reason === 'duplicate' && input.duplicateOf !== null
        ? questionReader(db).find(input.duplicateOf)
        : null
    const decision = decideClosing(
      { id: row.id, state: row.state, asker: askerOf(row) },
      input,
      original && { asker: askerOf(original) },
    )
    if ('refusal' in decision) {
      const { refusal, ...params } = decision
      throw new AppError(refusal, params)
    }
    if (!decision.close) return { result: {}, changes: [] }
    db.prepare(
      `UPDATE web_questions SET state = 'closed', closed_reason = ?, duplicate_of = ? WHERE id = ?`,
    ).run(input.reason, input.reason === 'duplicate' ? String(input.duplicateOf) : null, row.id)
    questionDueUpkeep(db).refresh([row.id], new Date(ctx.at))
    return {
      result: {},
      changes: [
        {
          entity: 'question',
          entityId: row.id,
          before: { state: row.state },
          after: { state: 'closed', reason: input.reason, duplicateOf: input.duplicateOf },
        },
      ],
    }
  },
})
