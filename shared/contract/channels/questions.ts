import { z } from 'zod'
import {
  CLOSE_REASONS,
  QUESTION_CHANNELS,
  QUESTION_STATES,
  REPLY_BY,
} from '../../domain/questions/question-states'
import { PLACEHOLDERS } from '../../domain/questions/reply-templates'
import { channel } from '../channel'

const questionId = z.number().int().positive()
const outcome = z.object({ state: z.enum(['applied', 'queued']) })
const everyone = ['operator', 'clerk', 'supervisor'] as const
/** What a bulk action came to: each question is its own command, decided on its own. */
const bulkOutcome = z.object({
  applied: z.number().int(),
  queued: z.number().int(),
  refused: z.number().int(),
})

export const INBOX_VIEWS = ['new', 'mine', 'waiting', 'overdue', 'closed', 'all'] as const
export type InboxView = (typeof INBOX_VIEWS)[number]

/** One line of the inbox (docs/business-rules.md#subscribers-questions). */
export const questionItemSchema = z.object({
  id: z.number().int(),
  channel: z.enum(QUESTION_CHANNELS),
  subject: z.string(),
  from: z.string(),
  /** The account it is linked to (its number), if any. */
  accountNumber: z.string().nullable(),
  submittedAt: z.string(),
  state: z.enum(QUESTION_STATES),
  dueOn: z.string(),
  daysLeft: z.number().int(),
  due: z.enum(['overdue', 'dueSoon', 'onTime', 'paused', 'done']),
  /** Who has it (assigned), by name. */
  assignedTo: z.string().nullable(),
  assignedLogin: z.string().nullable(),
  /** Who has it open right now, when it is not the person asking. */
  heldBy: z.string().nullable(),
})
export type QuestionItem = z.infer<typeof questionItemSchema>

export const questionMessageSchema = z.object({
  id: z.number().int(),
  /** The subscriber's question and later replies; staff answers (sent) and notes (never sent). */
  kind: z.enum(['question', 'reply', 'answer', 'note']),
  body: z.string(),
  by: z.string().nullable(),
  at: z.string(),
  /** Written on this console and not yet confirmed by the central service; or refused, with why. */
  delivery: z.enum(['sent', 'pending', 'refused']),
  refusal: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
})
export type QuestionMessage = z.infer<typeof questionMessageSchema>

export const questionDetailSchema = questionItemSchema.extend({
  surname: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  replyBy: z.enum(REPLY_BY),
  /** The account number the subscriber typed (may differ from the linked one, or name none). */
  givenAccountNumber: z.string().nullable(),
  account: z
    .object({ id: z.number().int(), number: z.string(), owner: z.string(), address: z.string() })
    .nullable(),
  /** An account whose email or phone (only that one) matches, for a person to confirm. */
  suggestion: z
    .object({ accountNumber: z.string(), by: z.enum(['email', 'phone']), owner: z.string() })
    .nullable(),
  messages: z.array(questionMessageSchema),
  steps: z.array(
    z.object({
      state: z.enum(QUESTION_STATES),
      at: z.string(),
      by: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  /** The newest message the person has seen: an answer is sent only if nobody answered after it. */
  lastMessageId: z.number().int(),
  /** The values reply templates are filled with (from the question and its account). */
  placeholders: z.partialRecord(z.enum(PLACEHOLDERS), z.string().nullable()),
})
export type QuestionDetail = z.infer<typeof questionDetailSchema>

export const replyTemplateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  body: z.string(),
})
export type ReplyTemplate = z.infer<typeof replyTemplateSchema>

export const inboxSettingsSchema = z.object({
  dueDays: z.number().int().min(1).max(90),
  roundRobin: z.boolean(),
  openCap: z.number().int().min(1).max(500),
})
export type InboxSettings = z.infer<typeof inboxSettingsSchema>

const text = (max: number) => z.string().trim().min(1, { message: 'body' }).max(max)

export const questionsChannels = {
  /** A view of the inbox, filtered by the search words, with the counts for the tabs and the navigation. */
  'questions.inbox': channel({
    input: z.object({
      view: z.enum(INBOX_VIEWS).default('new'),
      search: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({
      items: z.array(questionItemSchema),
      total: z.number().int(),
      counts: z.object({
        new: z.number().int(),
        mine: z.number().int(),
        waiting: z.number().int(),
        overdue: z.number().int(),
      }),
    }),
    access: everyone,
  }),
  /** Opens a question for work: claims it, so others see who is on it. */
  'questions.open': channel({
    input: z.object({ questionId }),
    output: questionDetailSchema,
    access: everyone,
  }),
  /** The open question read again; claims nothing. */
  'questions.detail': channel({
    input: z.object({ questionId }),
    output: questionDetailSchema,
    access: everyone,
  }),
  /** Lets go of the claim. */
  'questions.release': channel({ input: z.object({ questionId }), output: z.object({}), access: everyone }),
  /** A supervisor takes over a question someone else has open. */
  'questions.takeOver': channel({ input: z.object({ questionId }), output: outcome, access: ['supervisor'] }),
  /** The questions of one account, newest first, for its card. */
  'questions.ofAccount': channel({
    input: z.object({ accountNumber: z.string().max(20) }),
    output: z.object({ items: z.array(questionItemSchema) }),
    access: everyone,
  }),
  /** A question taken by phone (from the card or the inbox). */
  'questions.log': channel({
    input: z.object({
      surname: z.string().trim().min(1, { message: 'surname' }).max(100),
      firstName: z.string().trim().min(1, { message: 'firstName' }).max(100),
      patronymic: z.string().trim().max(100).default(''),
      accountNumber: z.string().trim().max(20).default(''),
      subject: z.string().trim().min(1, { message: 'subject' }).max(200),
      message: z.string().trim().min(1, { message: 'message' }).max(10_000),
      replyBy: z.enum(REPLY_BY),
      email: z.string().trim().max(320).default(''),
      phone: z.string().trim().max(30).default(''),
    }),
    output: outcome,
    access: everyone,
  }),
  /** An answer to the subscriber: a letter through the mail queue, and visible on the website. */
  'questions.answer': channel({
    input: z.object({
      questionId,
      body: text(20_000),
      /** Done with it, or waiting for the subscriber (the due clock stands still). */
      then: z.enum(['answered', 'waiting']).default('answered'),
      seenMessageId: z.number().int(),
    }),
    output: outcome,
    access: everyone,
  }),
  /** A note for colleagues; it never leaves the console's side. */
  'questions.note': channel({
    input: z.object({ questionId, body: text(10_000) }),
    output: outcome,
    access: everyone,
  }),
  /** Links the question to an account, or unlinks it (null). */
  'questions.link': channel({
    input: z.object({
      questionId,
      accountNumber: z
        .string()
        .trim()
        .regex(/^\d{4,20}$/, { message: 'accountNumber' })
        .nullable(),
    }),
    output: outcome,
    access: everyone,
  }),
  /** Gives questions to a person (a supervisor: anyone; others: themselves), or to nobody. */
  'questions.assign': channel({
    input: z.object({ questionIds: z.array(questionId).min(1).max(500), to: z.string().max(64).nullable() }),
    output: bulkOutcome,
    access: everyone,
  }),
  /** Closes questions without an answer of their own: a duplicate (of which), resolved otherwise. */
  'questions.close': channel({
    input: z.object({
      questionIds: z.array(questionId).min(1).max(500),
      reason: z.enum(CLOSE_REASONS),
      duplicateOf: questionId.nullable().default(null),
    }),
    output: bulkOutcome,
    access: everyone,
  }),
  /** The same note on several questions (a supervisor's bulk action). */
  'questions.noteMany': channel({
    input: z.object({ questionIds: z.array(questionId).min(1).max(500), body: text(10_000) }),
    output: bulkOutcome,
    access: ['supervisor'],
  }),
  'questions.templates': channel({
    input: z.object({}),
    output: z.object({ items: z.array(replyTemplateSchema) }),
    access: everyone,
  }),
  'questions.saveTemplate': channel({
    input: z.object({
      id: z.number().int().positive().nullable().default(null),
      name: z.string().trim().min(1, { message: 'templateName' }).max(80),
      body: z.string().trim().min(1, { message: 'templateBody' }).max(10_000),
    }),
    output: outcome,
    access: ['supervisor'],
  }),
  'questions.removeTemplate': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: outcome,
    access: ['supervisor'],
  }),
  'questions.settings': channel({ input: z.object({}), output: inboxSettingsSchema, access: everyone }),
  'questions.saveSettings': channel({ input: inboxSettingsSchema, output: outcome, access: ['supervisor'] }),
}
