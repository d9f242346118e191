import { z } from 'zod'
import { channels, EDITABLE_ACCOUNT_FIELDS, ROLES, type Access, type Role } from '../contract'
import { CLOSE_REASONS, REPLY_BY } from '../domain/questions/question-states'
import { REQUEST_KINDS } from '../domain/requests/kinds'

/**
 * Every command a console queues for the central service (docs/central-service.md): its
 * payload schema, checked on arrival, and who may be its author. The console builds payloads of
 * these types; the service's handlers are typed from the same schemas, so a shape is written once.
 *
 * `authors`:
 *  - a role list: the command's author must be an active central staff member with one of these roles
 *    (taken from the renderer contract where a channel of that name exists: the same words the router uses);
 *  - 'console': the console's own automatic work (checking a new web reading), no person behind it;
 *  - 'never': the service refuses it whoever sent it (a console's first-run supervisor is local only).
 */
type Authors = readonly Role[] | 'console' | 'never'

/** A kind's own fields as JSON; the kind's schema reads them (a bounded object, never a script). */
const kindDetails = z.record(z.string().max(64), z.unknown()).nullable().default(null)

const rolesOf = (access: Access): readonly Role[] => (Array.isArray(access) ? access : ROLES)

const login = z.string().trim().min(1).max(64)
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)
const id = z.number().int().positive()
const milli = z.number().int().min(0)

const staffPayload = z.object({
  login,
  fullName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  passwordHash: z.string().min(1).max(500),
})

/**
 * A web reading is named, never described: the service reads the subscriber's own text and decides it
 * by the shared rules (shared/domain/readings/web-reading-check.ts). Older consoles sent their whole
 * verdict too; the schema strips it.
 */
const webReading = z.object({ webReadingId: id })
const webReadingReview = webReading.extend({
  decision: z.object({ decision: z.enum(['accept', 'reject']), reason: z.string().max(1000).nullable() }),
})

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const namePart = z.string().trim().min(1).max(100)
const personName = z.object({
  surname: namePart,
  firstName: namePart,
  patronymic: z.string().trim().max(100).nullable(),
})
const documentCheck = z.object({
  document: z.string().max(64),
  verdict: z.enum(['valid', 'missing']),
  note: z.string().trim().max(500).nullable(),
})
/** A file's bytes as base64: 20 MiB of file is just under 28 million characters. */
const fileBytes = (maxChars: number) => z.string().min(4).max(maxChars)

/**
 * `onlineSession`: the author must also hold a live online session on the console it comes from
 * (shared/central/command-proof.ts), not only their key: staff management.
 */
function def<S extends z.ZodType>(payload: S, authors: Authors, options: { onlineSession?: true } = {}) {
  return { payload, authors, onlineSession: options.onlineSession ?? false }
}

export const centralCommands = {
  'readings.record': def(
    z.object({
      accountId: id,
      receivedOn: z.string(),
      receivedAt: z.string(),
      source: z.string().max(32),
      period,
      late: z.boolean(),
      readings: z
        .array(
          z.object({
            meterId: id,
            valueMilli: milli,
            flags: z.array(z.string().max(64)).max(20),
            replacedMilli: milli.nullable(),
            replaceReason: z.string().max(1000).nullable(),
          }),
        )
        .min(1)
        .max(20),
    }),
    rolesOf(channels['readings.record'].access),
  ),
  'readings.override': def(
    z.object({ meterId: id, period, reason: z.string().trim().min(1).max(1000) }),
    rolesOf(channels['readings.override'].access),
  ),
  'readings.setPeriodClosed': def(
    z.object({ period, closed: z.boolean(), reason: z.string().trim().max(500).nullable() }),
    rolesOf(channels['readings.setPeriodClosed'].access),
  ),
  'readings.checkWeb': def(webReading, 'console'),
  'readings.reviewWeb': def(webReadingReview, rolesOf(channels['readings.reviewWeb'].access)),
  'accounts.updateContacts': def(
    z.object({
      accountId: id,
      changes: z.partialRecord(
        z.enum(EDITABLE_ACCOUNT_FIELDS),
        z.object({ from: z.string().max(500).nullable(), to: z.string().max(500).nullable() }),
      ),
    }),
    rolesOf(channels['accounts.updateContacts'].access),
  ),
  'accounts.addNote': def(
    z.object({ accountId: id, body: z.string().trim().min(1).max(2000) }),
    rolesOf(channels['accounts.addNote'].access),
  ),
  'accounts.unpinNote': def(z.object({ noteId: id }), rolesOf(channels['accounts.unpinNote'].access)),
  'accounts.sendPasswordReset': def(
    z.object({ accountId: id, email: z.string().max(320), template: z.literal('passwordReset').optional() }),
    rolesOf(channels['accounts.sendPasswordReset'].access),
  ),
  'staff.create': def(staffPayload, rolesOf(channels['staff.create'].access), { onlineSession: true }),
  'auth.setupFirstSupervisor': def(staffPayload, 'never'),
  'staff.resetPassword': def(
    z.object({ login, passwordHash: z.string().min(1).max(500) }),
    rolesOf(channels['staff.resetPassword'].access),
    { onlineSession: true },
  ),
  'staff.deactivate': def(z.object({ login }), rolesOf(channels['staff.deactivate'].access), {
    onlineSession: true,
  }),
  'staff.update': def(
    z.object({
      login,
      fullName: z.string().trim().min(3).max(200),
      role: z.enum(ROLES),
      active: z.boolean(),
    }),
    rolesOf(channels['staff.update'].access),
    { onlineSession: true },
  ),
  // Everyone's own; the service also checks that the author is the person whose password it is.
  'staff.changeOwnPassword': def(
    z.object({ login, passwordHash: z.string().min(1).max(500) }),
    rolesOf(channels['auth.changeOwnPassword'].access),
  ),
  'registrations.decide': def(
    z.object({
      registrationId: id,
      decision: z.enum(['confirm', 'reject']),
      reason: z.string().max(1000).nullable(),
    }),
    rolesOf(channels['registrations.decide'].access),
  ),
  'requests.step': def(
    z.object({
      requestId: id,
      to: z.enum(['in_review', 'awaiting_documents', 'awaiting_visit', 'approved', 'rejected']),
      reason: z.string().trim().max(2000).nullable(),
      /** For `awaiting_documents`: the documents the letter names (shared/domain/requests/required-documents). */
      missing: z.array(z.string().max(64)).max(10).default([]),
    }),
    rolesOf(channels['requests.step'].access),
  ),
  'requests.checklist': def(
    z.object({ requestId: id, checks: z.array(documentCheck).max(10) }),
    rolesOf(channels['requests.checklist'].access),
  ),
  /** A paper application taken at the counter, with the clerk's scans. */
  'requests.register': def(
    z.object({
      kind: z.enum(REQUEST_KINDS),
      accountNumber: z.string().regex(/^\d{4,20}$/),
      applicant: personName,
      email: z.string().max(320).nullable(),
      phone: z.string().max(30).nullable(),
      newOwner: personName.nullable(),
      effectiveOn: isoDate.nullable(),
      comment: z.string().trim().max(2000).nullable(),
      /** The kind's own fields (shared/domain/requests/kinds/), checked by its schema on arrival. */
      details: kindDetails,
      documents: z
        .array(z.object({ fileName: z.string().min(1).max(255), content: fileBytes(28_000_000) }))
        .max(6),
    }),
    rolesOf(channels['requests.register'].access),
  ),
  /**
   * Completion in one command: a closure closes the account from `on`, removes its meters and
   * revokes its cabinet; a re-registration passes the account to `newOwner` from `on`.
   */
  'requests.complete': def(
    z.object({
      requestId: id,
      on: isoDate,
      newOwner: personName
        .extend({ phone: z.string().max(30).nullable(), email: z.string().max(320).nullable() })
        .nullable(),
      details: kindDetails,
    }),
    rolesOf(channels['requests.complete'].access),
  ),
  /** The printed decision, kept with the request's documents. */
  'requests.saveDecision': def(
    z.object({ requestId: id, fileName: z.string().min(1).max(255), content: fileBytes(4_000_000) }),
    rolesOf(channels['requests.decision'].access),
  ),
  /** A question taken by phone; the operator who logged it has it. */
  'questions.log': def(
    z.object({
      caller: personName,
      accountNumber: z
        .string()
        .regex(/^\d{4,20}$/)
        .nullable(),
      subject: z.string().trim().min(1).max(200),
      message: z.string().trim().min(1).max(10_000),
      replyBy: z.enum(REPLY_BY),
      email: z.string().max(320).nullable(),
      phone: z.string().max(30).nullable(),
    }),
    rolesOf(channels['questions.log'].access),
  ),
  /**
   * An answer; `seenMessageId` is the newest message its author had seen, so of two people answering
   * at once exactly one answer goes out.
   */
  'questions.answer': def(
    z.object({
      questionId: id,
      body: z.string().trim().min(1).max(20_000),
      then: z.enum(['answered', 'waiting']),
      seenMessageId: z.number().int(),
    }),
    rolesOf(channels['questions.answer'].access),
  ),
  'questions.note': def(
    z.object({ questionId: id, body: z.string().trim().min(1).max(10_000) }),
    rolesOf(channels['questions.note'].access),
  ),
  'questions.link': def(
    z.object({
      questionId: id,
      accountNumber: z
        .string()
        .regex(/^\d{4,20}$/)
        .nullable(),
    }),
    rolesOf(channels['questions.link'].access),
  ),
  'questions.assign': def(
    z.object({ questionId: id, to: login.nullable() }),
    rolesOf(channels['questions.assign'].access),
  ),
  'questions.close': def(
    z.object({ questionId: id, reason: z.enum(CLOSE_REASONS), duplicateOf: id.nullable() }),
    rolesOf(channels['questions.close'].access),
  ),
  'questions.saveTemplate': def(
    z.object({
      id: id.nullable(),
      name: z.string().trim().min(1).max(80),
      body: z.string().trim().min(1).max(10_000),
    }),
    rolesOf(channels['questions.saveTemplate'].access),
  ),
  'questions.removeTemplate': def(z.object({ id }), rolesOf(channels['questions.removeTemplate'].access)),
  'questions.saveSettings': def(
    z.object({
      dueDays: z.number().int().min(1).max(90),
      roundRobin: z.boolean(),
      openCap: z.number().int().min(1).max(500),
    }),
    rolesOf(channels['questions.saveSettings'].access),
  ),
  'claims.take': def(z.object({ entityKey: z.string().min(1).max(200) }), ROLES),
  'claims.release': def(z.object({ entityKey: z.string().min(1).max(200) }), ROLES),
  /** A supervisor takes an item someone else holds (the holder is told on their next step). */
  'claims.takeOver': def(z.object({ entityKey: z.string().min(1).max(200) }), ['supervisor']),
  'conflicts.resolve': def(
    z.object({ conflictId: id, keep: z.enum(['central', 'console']), note: z.string().max(1000).nullable() }),
    rolesOf(channels['conflicts.resolve'].access),
  ),
} as const

export type CentralCommandName = keyof typeof centralCommands
export type CentralPayload<C extends CentralCommandName> = z.output<(typeof centralCommands)[C]['payload']>
/** What a console sends, before the schema's defaults are filled in on arrival. */
export type CentralPayloadSent<C extends CentralCommandName> = z.input<(typeof centralCommands)[C]['payload']>

export function isCentralCommandName(name: string): name is CentralCommandName {
  return Object.hasOwn(centralCommands, name)
}

/** Whether a command needs its author's live online session besides their key (staff management). */
export function needsOnlineSession(name: string): boolean {
  return isCentralCommandName(name) && centralCommands[name].onlineSession
}
