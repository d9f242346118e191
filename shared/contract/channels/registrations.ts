import { z } from 'zod'
import { channel } from '../channel'

export const REGISTRATION_CHECK_CODES = [
  'accountActive',
  'surnameMatches',
  'noActiveCabinet',
  'emailFree',
] as const
export const REGISTRATION_CHECK_REASONS = [
  'accountUnknown',
  'noOwnerToCompare',
  'accountClosed',
  'latinLookalike',
  'partOfDouble',
  'mismatch',
  'cabinetConfirmed',
  'cabinetActive',
  'emailUsed',
] as const

export const claimHolderSchema = z.object({ fullName: z.string(), login: z.string(), since: z.string() })
export type ClaimHolder = z.infer<typeof claimHolderSchema>

export const registrationItemSchema = z.object({
  id: z.number().int(),
  accountNumber: z.string(),
  /** The surname as the subscriber typed it: shown as text. */
  surname: z.string(),
  email: z.string(),
  submittedAt: z.string(),
  state: z.enum(['pending', 'confirmed', 'rejected', 'activated']),
  checks: z.array(
    z.object({
      code: z.enum(REGISTRATION_CHECK_CODES),
      passed: z.boolean(),
      reason: z.enum(REGISTRATION_CHECK_REASONS).optional(),
    }),
  ),
  allPassed: z.boolean(),
  /** Positions of Latin look-alike letters in `surname`, to mark them. */
  lookalikeAt: z.array(z.number().int()),
  owner: z
    .object({
      accountId: z.number().int(),
      surname: z.string(),
      firstName: z.string(),
      patronymic: z.string().nullable(),
      address: z.string(),
      status: z.enum(['active', 'closed']),
      email: z.string().nullable(),
      cabinetState: z.enum(['pending', 'confirmed', 'active', 'rejected', 'revoked']).nullable(),
    })
    .nullable(),
  /** Someone else working on it now (their claim has not expired). */
  takenBy: claimHolderSchema.nullable(),
})
export type RegistrationItem = z.infer<typeof registrationItemSchema>

export const REGISTRATION_FILTERS = ['all', 'allPassed', 'needsAttention'] as const

/** The clerks' confirmation queue (docs/business-rules.md#web-registrations). */
export const registrationsChannels = {
  'registrations.queue': channel({
    input: z.object({
      filter: z.enum(REGISTRATION_FILTERS).default('all'),
      /** Only those waiting at least this many days. */
      minAgeDays: z.number().int().min(0).max(365).default(0),
    }),
    output: z.object({ items: z.array(registrationItemSchema), total: z.number().int() }),
    access: ['clerk', 'supervisor'],
  }),
  'registrations.pendingCount': channel({
    input: z.object({}),
    output: z.object({ pending: z.number().int() }),
    access: ['clerk', 'supervisor'],
  }),
  /** Opens one for work: claims it, so other consoles show it as taken. */
  'registrations.open': channel({
    input: z.object({ registrationId: z.number().int().positive() }),
    output: registrationItemSchema,
    access: ['clerk', 'supervisor'],
  }),
  'registrations.close': channel({
    input: z.object({ registrationId: z.number().int().positive() }),
    output: z.object({}),
    access: ['clerk', 'supervisor'],
  }),
  'registrations.decide': channel({
    input: z.discriminatedUnion('decision', [
      z.object({ registrationId: z.number().int().positive(), decision: z.literal('confirm') }),
      z.object({
        registrationId: z.number().int().positive(),
        decision: z.literal('reject'),
        reason: z.string().trim().min(3).max(500),
      }),
    ]),
    /** `queued`: offline, the central database will decide later (a refusal then shows in sync). */
    output: z.object({ state: z.enum(['applied', 'queued']) }),
    access: ['clerk', 'supervisor'],
  }),
  /** Confirms every given registration whose checks all pass; the rest are left, with why. */
  'registrations.confirmAll': channel({
    input: z.object({ registrationIds: z.array(z.number().int().positive()).min(1).max(500) }),
    output: z.object({
      confirmed: z.number().int(),
      skipped: z.array(z.object({ registrationId: z.number().int(), code: z.string() })),
    }),
    access: ['clerk', 'supervisor'],
  }),
}
