import { z } from 'zod'
import { channel } from '../channel'
import { REQUEST_KINDS } from '../../domain/requests/kinds'
import { REQUEST_STATES } from '../../domain/requests/request-states'
import { auditLineSchema } from './audit'
import { questionItemSchema } from './questions'

/** The longest query the search box takes: an address with a name is a fraction of it. */
export const SEARCH_QUERY_MAX = 200

export const accountHitSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  eircNumber: z.string(),
  owner: z.string(),
  address: z.string(),
  district: z.string(),
  status: z.enum(['active', 'closed']),
  houseType: z.enum(['mkd', 'private']),
  /** Which field the query matched, so the results can say why a row is there. */
  matchedBy: z.enum(['number', 'eircNumber', 'phone', 'email', 'owner', 'address']),
  /**
   * Set on a tolerant match: what the query was read as (a slip corrected, the keyboard layout
   * switched), so the list can say "похоже на …" and nobody takes it for an exact match.
   */
  similarTo: z.string().nullable(),
})
export type AccountHit = z.infer<typeof accountHitSchema>

const readingSchema = z.object({
  period: z.string(),
  valueMilli: z.number().int(),
  /** Versus the previous reading of the same meter, roll-over included; null for the first. */
  consumptionMilli: z.number().int().nullable(),
  source: z.enum(['web', 'phone', 'paper', 'inspector']),
  late: z.boolean(),
  receivedAt: z.string(),
})

export const accountCardSchema = z.object({
  account: z.object({
    id: z.number().int(),
    number: z.string(),
    eircNumber: z.string(),
    surname: z.string(),
    firstName: z.string(),
    patronymic: z.string().nullable(),
    district: z.string(),
    street: z.string(),
    house: z.string(),
    building: z.string().nullable(),
    apartment: z.string().nullable(),
    address: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    houseType: z.enum(['mkd', 'private']),
    status: z.enum(['active', 'closed']),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    version: z.number().int(),
  }),
  cabinet: z.object({
    state: z.enum(['none', 'pending', 'confirmed', 'active', 'rejected', 'revoked']),
    email: z.string().nullable(),
  }),
  meters: z.array(
    z.object({
      id: z.number().int(),
      serial: z.string(),
      place: z.string(),
      installedOn: z.string(),
      verificationDue: z.string(),
      verificationOverdue: z.boolean(),
      digits: z.number().int(),
      status: z.enum(['active', 'removed']),
      readings: z.array(readingSchema),
    }),
  ),
  owners: z.array(z.object({ owner: z.string(), from: z.string(), to: z.string().nullable() })),
  billing: z
    .object({
      charges: z.array(
        z.object({ period: z.string(), waterKopecks: z.number().int(), sewerageKopecks: z.number().int() }),
      ),
      payments: z.array(
        z.object({ paidOn: z.string(), amountKopecks: z.number().int(), channel: z.string() }),
      ),
      /** Payments minus charges: negative is a debt. */
      balanceKopecks: z.number().int(),
    })
    .nullable(),
  requests: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(REQUEST_KINDS),
      state: z.enum(REQUEST_STATES),
      filedAt: z.string(),
    }),
  ),
  /** The account's questions (linked to it), newest first, with their due dates. */
  questions: z.array(questionItemSchema),
  /**
   * The premise (docs/business-rules.md#contacts-and-notes): the other accounts at the same flat, or at the same
   * house for a private house, current and closed, newest first (a previous owner's, a second one).
   */
  premise: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      owner: z.string(),
      status: z.enum(['active', 'closed']),
      openedOn: z.string(),
      closedOn: z.string().nullable(),
    }),
  ),
  /** What one operator left for the next: pinned first, newest first (docs/business-rules.md#contacts-and-notes). */
  notes: z.array(
    z.object({
      id: z.number().int(),
      body: z.string(),
      writtenBy: z.string(),
      writtenAt: z.string(),
      pinned: z.boolean(),
    }),
  ),
  /** Password-reset requests of the last 13 months, newest first (docs/business-rules.md#password-reset). */
  passwordResets: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      /** The operator who sent the link after checking the caller; null: the subscriber on the website. */
      by: z.string().nullable(),
      /** The surname typed on the website. */
      surname: z.string().nullable(),
      /** What became of it, in words. */
      outcome: z.string(),
      sent: z.boolean(),
    }),
  ),
  /**
   * Changes to the account in words (the Журнал's rendering), with the website's password-reset
   * requests among them, newest first.
   */
  history: z.array(auditLineSchema),
})
export type AccountCard = z.infer<typeof accountCardSchema>

/** Phone as people write it; stored as typed, searched by its digits. Empty clears it. */
const phoneInput = z
  .string()
  .trim()
  .max(30)
  .refine((value) => value === '' || /^\+?[\d\s()-]{10,20}$/.test(value), { message: 'phone' })
const emailInput = z.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email())])

/** The account fields staff may edit on the card; the same list the central merge accepts. */
export const EDITABLE_ACCOUNT_FIELDS = ['phone', 'email', 'street', 'house', 'building', 'apartment'] as const
export type EditableAccountField = (typeof EDITABLE_ACCOUNT_FIELDS)[number]

export const contactsEditSchema = z.object({
  accountId: z.number().int().positive(),
  /** The version the clerk saw; a newer one means someone else changed the account meanwhile. */
  expectedVersion: z.number().int().positive(),
  phone: phoneInput,
  email: emailInput,
  street: z.string().trim().min(2).max(100),
  house: z.string().trim().min(1).max(10),
  building: z.string().trim().max(10),
  apartment: z.string().trim().max(10),
})

export const accountsChannels = {
  'accounts.search': channel({
    input: z.object({
      query: z.string().max(SEARCH_QUERY_MAX),
      limit: z.number().int().min(1).max(100).default(50),
      /** One-key narrowing of a long list: live accounts only, or one street. */
      status: z.enum(['active', 'closed']).nullable().default(null),
      street: z.string().max(100).nullable().default(null),
    }),
    output: z.object({
      /** `empty`: nothing searchable was typed; the UI says so instead of showing an empty table. */
      understood: z.enum(['empty', 'digits', 'email', 'text']),
      hits: z.array(accountHitSchema),
      /** How many accounts the query matches in all, so a cut list says it is cut. */
      total: z.number().int(),
      /** When the list is cut: the streets most of the matches are on, to narrow by one key. */
      streets: z.array(z.string()),
    }),
    access: 'signedIn',
  }),
  'accounts.card': channel({
    input: z.object({ accountId: z.number().int().positive() }),
    output: accountCardSchema,
    access: 'signedIn',
  }),
  'accounts.updateContacts': channel({
    input: contactsEditSchema,
    output: accountCardSchema,
    access: ['clerk', 'supervisor'],
  }),
  /** A note pinned on the account for whoever takes the next call (docs/business-rules.md#contacts-and-notes). */
  'accounts.addNote': channel({
    input: z.object({
      accountId: z.number().int().positive(),
      body: z.string().trim().min(1, { message: 'body' }).max(2000),
    }),
    output: z.object({ state: z.enum(['applied', 'queued']) }),
    access: ['operator', 'clerk', 'supervisor'],
  }),
  /** Takes a note down: it stays in the card's history with who took it down. */
  'accounts.unpinNote': channel({
    input: z.object({ noteId: z.number().int().positive() }),
    output: z.object({ state: z.enum(['applied', 'queued']) }),
    access: ['operator', 'clerk', 'supervisor'],
  }),
  'accounts.sendPasswordReset': channel({
    input: z.object({
      accountId: z.number().int().positive(),
      /** The operator ticked that the caller named the owner's surname and address. */
      callerVerified: z.boolean(),
    }),
    output: z.object({ email: z.string() }),
    access: ['operator', 'clerk', 'supervisor'],
  }),
}
