import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { decideAssignment } from '@shared/domain/questions/question-assignment'
import { decideClosing, type Asker } from '@shared/domain/questions/question-closing'
import type { QuestionState } from '@shared/domain/questions/question-states'
import { questionAnswer } from './mail-templates'
import {
  APPLIED,
  authorOf,
  refused,
  staffName,
  type CentralCommandContext,
  type CentralHandlers,
} from './outcome'
import { heldByAnother } from './claims'
import { accountIdOf, queueLetter } from './queue-letter'
import { rowKey } from '@shared/central/row-keys'

interface QuestionRow {
  id: string
  state: QuestionState
  subject: string
  message: string
  email: string | null
  phone: string | null
  account_number: string | null
  reply_by: 'email' | 'phone'
  assigned_to: string | null
  linked_account: string | null
}

export const questionClaimKey = (id: number) => rowKey({ entity: 'question', id })

/**
 * The question, locked for this command's transaction, unless it does not exist or another person
 * has it open (ALREADY_CLAIMED, with who and since when): every command that speaks for a question
 * starts here, so a held claim blocks sending on every console, whatever that console's copy says.
 */
async function lockQuestion(
  client: pg.ClientBase,
  questionId: number,
  ctx: CentralCommandContext,
): Promise<{ question: QuestionRow } | { refusal: ReturnType<typeof refused> }> {
  const found = await client.query<QuestionRow>(
    `SELECT id::text, state, subject, message, email, phone, account_number, reply_by, assigned_to, linked_account
    FROM portal_questions WHERE id = $1 FOR UPDATE`,
    [questionId],
  )
  const question = found.rows[0]
  if (!question) return { refusal: refused('NOT_FOUND', { what: 'question' }) }
  const held = await heldByAnother(client, questionClaimKey(questionId), ctx)
  return held ? { refusal: held } : { question }
}

async function recordStep(
  client: pg.ClientBase,
  questionId: number,
  step: { from: string; to: string; by: string | null; assignee?: string | null; reason?: string | null },
) {
  await client.query(
    `INSERT INTO portal_question_steps (question_id, from_state, to_state, staff_login, assignee, reason)
    VALUES ($1, $2, $3, $4, $5, $6)`,
    [questionId, step.from, step.to, step.by, step.assignee ?? null, step.reason ?? null],
  )
}

/** A phone question: the operator who took the call has it, and the step names them. */
async function logQuestion(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.log'>,
  ctx: CentralCommandContext,
) {
  if (payload.replyBy === 'email' && !payload.email) return refused('NO_EMAIL_FOR_REPLY')
  await client.query(
    `INSERT INTO portal_questions (surname, first_name, patronymic, email, phone, account_number, subject, message,
      channel, reply_by, logged_by, assigned_to, state)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'phone', $9, $10, $10, 'taken')`,
    [
      payload.caller.surname,
      payload.caller.firstName,
      payload.caller.patronymic,
      payload.email,
      payload.phone,
      payload.accountNumber,
      payload.subject,
      payload.message,
      payload.replyBy,
      ctx.staffLogin,
    ],
  )
  return APPLIED
}

/**
 * An answer (docs/business-rules.md#subscribers-questions). Exactly one of two people answering at once is
 * sent: each says the newest message it had seen, and an answer written after that one refuses the
 * other (ALREADY_ANSWERED, with who and when); the row lock makes the two take turns. The answer is a
 * letter through the mail queue when the subscriber asked for email, and the website shows it either way.
 */
async function answerQuestion(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.answer'>,
  ctx: CentralCommandContext,
) {
  const locked = await lockQuestion(client, payload.questionId, ctx)
  if ('refusal' in locked) return locked.refusal
  const { question } = locked
  const later = await client.query<{ staff_login: string | null; at: Date }>(
    `SELECT staff_login, at FROM portal_question_messages WHERE question_id = $1 AND kind = 'answer' AND id > $2
    ORDER BY id LIMIT 1`,
    [payload.questionId, payload.seenMessageId],
  )
  if (later.rows[0])
    return refused('ALREADY_ANSWERED', {
      by: await staffName(client, later.rows[0].staff_login),
      at: later.rows[0].at.toISOString(),
    })
  if (question.state === 'closed') return refused('QUESTION_DONE')
  await client.query(
    `INSERT INTO portal_question_messages (question_id, kind, body, staff_login, command_id) VALUES ($1, 'answer', $2, $3, $4)`,
    [payload.questionId, payload.body, ctx.staffLogin, ctx.commandId],
  )
  await client.query(
    `UPDATE portal_questions SET state = $2, answer = $3, answered_by = $4, answered_at = now(),
      assigned_to = coalesce(assigned_to, $4) WHERE id = $1`,
    [payload.questionId, payload.then, payload.body, ctx.staffLogin],
  )
  await recordStep(client, payload.questionId, {
    from: question.state,
    to: payload.then,
    by: ctx.staffLogin,
    assignee: question.assigned_to ?? ctx.staffLogin,
  })
  if (question.reply_by === 'email' && question.email)
    await queueLetter(
      client,
      ctx,
      question.email,
      await accountIdOf(client, question.linked_account),
      questionAnswer(payload.questionId, question.subject, payload.body, question.message),
    )
  return APPLIED
}

/** A note for colleagues: written whoever has the question open (it sends nothing). */
async function addNote(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.note'>,
  ctx: CentralCommandContext,
) {
  const { rowCount } = await client.query(
    `INSERT INTO portal_question_messages (question_id, kind, body, staff_login, command_id)
    SELECT id, 'note', $2, $3, $4 FROM portal_questions WHERE id = $1`,
    [payload.questionId, payload.body, ctx.staffLogin, ctx.commandId],
  )
  return rowCount ? APPLIED : refused('NOT_FOUND', { what: 'question' })
}

async function linkQuestion(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.link'>,
  ctx: CentralCommandContext,
) {
  const locked = await lockQuestion(client, payload.questionId, ctx)
  if ('refusal' in locked) return locked.refusal
  if (payload.accountNumber !== null) {
    const { rowCount } = await client.query(`SELECT 1 FROM accounts WHERE number = $1`, [
      payload.accountNumber,
    ])
    if (!rowCount) return refused('UNKNOWN_ACCOUNT', { accountNumber: payload.accountNumber })
  }
  await client.query(`UPDATE portal_questions SET linked_account = $2 WHERE id = $1`, [
    payload.questionId,
    payload.accountNumber,
  ])
  return APPLIED
}

/** Supervisors give questions to anyone; others may take one themselves or give theirs back. */
async function assignQuestion(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.assign'>,
  ctx: CentralCommandContext,
) {
  const locked = await lockQuestion(client, payload.questionId, ctx)
  if ('refusal' in locked) return locked.refusal
  const { question } = locked
  const assignee =
    payload.to === null
      ? null
      : await client.query<{ active: boolean }>(`SELECT active FROM staff WHERE login = $1`, [payload.to])
  const decision = decideAssignment(
    {
      state: question.state,
      assignedTo: question.assigned_to,
      assigneeActive: assignee === null ? null : (assignee.rows[0]?.active ?? false),
    },
    payload.to,
    authorOf(ctx),
  )
  if ('refusal' in decision)
    return 'what' in decision ? refused(decision.refusal, { what: decision.what }) : refused(decision.refusal)
  if (!decision.changed) return APPLIED
  await client.query(`UPDATE portal_questions SET assigned_to = $2, state = $3 WHERE id = $1`, [
    payload.questionId,
    payload.to,
    decision.state,
  ])
  await recordStep(client, payload.questionId, {
    from: question.state,
    to: decision.state,
    by: ctx.staffLogin,
    assignee: payload.to,
  })
  return APPLIED
}

const askerOf = (row: Pick<QuestionRow, 'email' | 'phone' | 'account_number' | 'linked_account'>): Asker => ({
  email: row.email,
  phone: row.phone,
  accountNumbers: [row.account_number, row.linked_account],
})

/** Done without an answer of its own; a duplicate names the question that carries the conversation. */
async function closeQuestion(
  client: pg.ClientBase,
  payload: CentralPayload<'questions.close'>,
  ctx: CentralCommandContext,
) {
  const locked = await lockQuestion(client, payload.questionId, ctx)
  if ('refusal' in locked) return locked.refusal
  const { question } = locked
  const found =
    payload.reason === 'duplicate' && payload.duplicateOf !== null
      ? await client.query<QuestionRow>(
          `SELECT email, phone, account_number, linked_account FROM portal_questions WHERE id = $1`,
          [payload.duplicateOf],
        )
      : null
  const original = found?.rows[0]
  const decision = decideClosing(
    { id: payload.questionId, state: question.state, asker: askerOf(question) },
    payload,
    original ? { asker: askerOf(original) } : null,
  )
  if ('refusal' in decision) {
    const { refusal, ...params } = decision
    return refused(refusal, params)
  }
  if (!decision.close) return APPLIED
  await client.query(
    `UPDATE portal_questions SET state = 'closed', closed_reason = $2, duplicate_of = $3 WHERE id = $1`,
    [payload.questionId, payload.reason, payload.reason === 'duplicate' ? payload.duplicateOf : null],
  )
  await recordStep(client, payload.questionId, {
    from: question.state,
    to: 'closed',
    by: ctx.staffLogin,
    assignee: question.assigned_to,
    reason: payload.reason === 'duplicate' ? `duplicate:${payload.duplicateOf}` : payload.reason,
  })
  return APPLIED
}

export const questionsCommands: CentralHandlers<
  | 'questions.log'
  | 'questions.answer'
  | 'questions.note'
  | 'questions.link'
  | 'questions.assign'
  | 'questions.close'
> = {
  'questions.log': logQuestion,
  'questions.answer': answerQuestion,
  'questions.note': addNote,
  'questions.link': linkQuestion,
  'questions.assign': assignQuestion,
  'questions.close': closeQuestion,
}
