import { z } from 'zod'
import { REQUEST_KINDS } from '../../domain/requests/kinds'
import { REQUEST_STATES } from '../../domain/requests/request-states'
import { channel } from '../channel'

/** A kind's own fields as JSON; the kind's schema reads them (shared/domain/requests/kinds/). */
const kindDetails = z.record(z.string().max(64), z.unknown()).nullable().default(null)

export const requestItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(REQUEST_KINDS),
  channel: z.enum(['web', 'office']),
  accountNumber: z.string(),
  applicant: z.string(),
  submittedAt: z.string(),
  state: z.enum(REQUEST_STATES),
  /** By the shared rule: 10 working days, not counting the days documents were awaited. */
  dueOn: z.string(),
  /** While an inspector is awaited: the visit's own due date (shared/domain/requests/request-due.ts). */
  visitDueOn: z.string().nullable(),
  due: z.enum(['overdue', 'dueSoon', 'onTime', 'paused', 'closed']),
  /** Who holds it, when it is not the person asking. */
  heldBy: z.string().nullable(),
  /** The person asking holds it now, or took its last step: theirs to carry on. */
  mine: z.boolean(),
  steps: z.array(
    z.object({
      state: z.enum(REQUEST_STATES),
      at: z.string(),
      by: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
})
export type RequestItem = z.infer<typeof requestItemSchema>

const personName = z.object({
  surname: z.string().trim().max(100),
  firstName: z.string().trim().max(100),
  patronymic: z.string().trim().max(100).nullable().default(null),
})

export const requestDocumentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  /** The subscriber's scan, the counter's scan, or the decision this console printed. */
  source: z.enum(['subscriber', 'office', 'decision']),
  addedBy: z.string().nullable(),
})
export type RequestDocument = z.infer<typeof requestDocumentSchema>

const documentCheckSchema = z.object({
  document: z.string().max(64),
  verdict: z.enum(['valid', 'missing']),
  note: z.string().trim().max(500).nullable().default(null),
})

/** One request opened for work: the queue's line plus what the request view shows beside it. */
export const requestDetailSchema = requestItemSchema.extend({
  accountId: z.number().int().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  comment: z.string().nullable(),
  newOwner: personName.nullable(),
  effectiveOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  /** The kind's own fields as filed (shared/domain/requests/kinds/), or null for a kind without them. */
  details: kindDetails,
  documents: z.array(requestDocumentSchema),
  checklist: z.array(documentCheckSchema),
  /** Closure: each active meter (once completed: each it removed) and whether its final reading is in (shared/domain/requests/final-readings). */
  finalReadings: z.array(
    z.object({
      meterId: z.number().int(),
      serial: z.string(),
      place: z.string(),
      valueMilli: z.number().int().nullable(),
      receivedAt: z.string().nullable(),
    }),
  ),
  /** A private house's balance (negative: owed); null for a block of flats. */
  balanceKopecks: z.number().int().nullable(),
})
export type RequestDetail = z.infer<typeof requestDetailSchema>

const outcome = z.object({ state: z.enum(['applied', 'queued']) })
const requestId = z.number().int().positive()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const requestsChannels = {
  /** Open requests, oldest first (docs/business-rules.md#closure-and-re-registration-requests). */
  'requests.queue': channel({
    input: z.object({}),
    output: z.object({ items: z.array(requestItemSchema) }),
    access: ['clerk', 'supervisor'],
  }),
  /** Opens one for work: claims it, so other consoles show it as taken (as registrations). */
  'requests.open': channel({
    input: z.object({ requestId: z.number().int().positive() }),
    output: requestDetailSchema,
    access: ['clerk', 'supervisor'],
  }),
  /** The open request read again (after a step, or when sync brings news); claims nothing. */
  'requests.detail': channel({
    input: z.object({ requestId: z.number().int().positive() }),
    output: requestDetailSchema,
    access: ['clerk', 'supervisor'],
  }),
  'requests.close': channel({
    input: z.object({ requestId: z.number().int().positive() }),
    output: z.object({}),
    access: ['clerk', 'supervisor'],
  }),
  /** One step of a request (shared/domain/requests/request-states.ts); the central database decides. */
  'requests.step': channel({
    input: z.object({
      requestId: z.number().int().positive(),
      to: z.enum(['in_review', 'awaiting_documents', 'awaiting_visit', 'approved', 'rejected']),
      reason: z.string().trim().max(2000).nullable().default(null),
      missing: z.array(z.string().max(64)).max(10).default([]),
    }),
    output: z.object({ state: z.enum(['applied', 'queued']) }),
    access: ['clerk', 'supervisor'],
  }),
  /** The requests of one account, newest first, for its card. */
  'requests.ofAccount': channel({
    input: z.object({ accountNumber: z.string().max(20) }),
    output: z.object({ items: z.array(requestItemSchema) }),
    access: ['operator', 'clerk', 'supervisor'],
  }),
  /** A document's bytes (base64), from this console's cache or fetched from the central service. */
  'requests.document': channel({
    input: z.object({ documentId: z.number().int().positive() }),
    output: z.object({ fileName: z.string(), mediaType: z.string(), content: z.string() }),
    access: ['clerk', 'supervisor'],
  }),
  /** The clerk's verdict on each required document. */
  'requests.checklist': channel({
    input: z.object({ requestId, checks: z.array(documentCheckSchema).max(10) }),
    output: outcome,
    access: ['clerk', 'supervisor'],
  }),
  /** A paper application taken at the counter, with its scans (base64). */
  'requests.register': channel({
    input: z.object({
      kind: z.enum(REQUEST_KINDS),
      accountNumber: z
        .string()
        .trim()
        .regex(/^\d{4,20}$/, { message: 'accountNumber' }),
      applicant: personName,
      email: z.string().trim().max(320).default(''),
      phone: z.string().trim().max(30).default(''),
      newOwner: personName.nullable().default(null),
      effectiveOn: isoDate.nullable().default(null),
      comment: z.string().trim().max(2000).default(''),
      details: kindDetails,
      documents: z
        .array(z.object({ fileName: z.string().min(1).max(255), content: z.string().max(28_000_000) }))
        .max(6),
    }),
    output: outcome,
    access: ['clerk', 'supervisor'],
  }),
  /** Completion in one command (closure: account closed, meters removed, cabinet revoked). */
  'requests.complete': channel({
    input: z.object({
      requestId,
      on: isoDate,
      newOwner: personName
        .extend({
          phone: z.string().trim().max(30).default(''),
          email: z.string().trim().max(320).default(''),
        })
        .nullable()
        .default(null),
      details: kindDetails,
    }),
    output: outcome,
    access: ['clerk', 'supervisor'],
  }),
  /** The printed decision (closure, re-registration or refusal) as a PDF, kept with the request. */
  'requests.decision': channel({
    input: z.object({ requestId }),
    output: z.object({ documentId: z.number().int().nullable(), fileName: z.string(), content: z.string() }),
    access: ['clerk', 'supervisor'],
  }),
}
