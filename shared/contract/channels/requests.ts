import { z } from 'zod'
import { REQUEST_KINDS, REQUEST_STATES } from '../../domain/requests/request-states'
import { channel } from '../channel'

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
  due: z.enum(['overdue', 'dueSoon', 'onTime', 'paused', 'closed']),
  /** Who holds it, when it is not the person asking. */
  heldBy: z.string().nullable(),
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

export const requestsChannels = {
  /** Open requests, oldest first (issue: closure and re-registration requests, "The queue"). */
  'requests.queue': channel({
    input: z.object({}),
    output: z.object({ items: z.array(requestItemSchema) }),
    access: ['clerk', 'supervisor'],
  }),
  /** Opens one for work: claims it, so other consoles show it as taken (as registrations). */
  'requests.open': channel({
    input: z.object({ requestId: z.number().int().positive() }),
    output: requestItemSchema,
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
      to: z.enum(['in_review', 'awaiting_documents', 'approved', 'rejected']),
      reason: z.string().trim().max(2000).nullable().default(null),
      missing: z.array(z.string().max(64)).max(10).default([]),
    }),
    output: z.object({ state: z.enum(['applied', 'queued']) }),
    access: ['clerk', 'supervisor'],
  }),
}
