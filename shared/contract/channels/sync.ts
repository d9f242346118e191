import { z } from 'zod'
import { channel } from '../channel'
import { auditLineSchema } from './audit'

/** Why the last sync did not go through, in terms a clerk can act on (never "sync failed"). */
export const syncProblemSchema = z.object({
  kind: z.enum([
    'unreachable',
    /** The service keeps the connection but does not answer in time (hung, or a frozen network). */
    'noAnswer',
    'authFailed',
    'notMigrated',
    'serverError',
    'notEnrolled',
    'consoleRevoked',
    'untrustedCertificate',
  ]),
  /** The server's own words, for the supervisor who calls IT; never shown as the only message. */
  detail: z.string().nullable(),
})
export type SyncProblem = z.infer<typeof syncProblemSchema>

export const syncStatusSchema = z.object({
  /** `localOnly`: no central database configured, the embedded default (docs/central-service.md, sync). */
  mode: z.enum(['localOnly', 'online', 'offline']),
  /**
   * What the badge says: `copying` while a fresh console takes its first copy; `noAnswer` when the
   * service holds the connection but answers nothing (its heartbeat went unanswered); `offline` when
   * it cannot be reached; `refused` when it answers but will not sync this console (revoked, not
   * enrolled, certificate, schema, credentials).
   */
  link: z.enum(['localOnly', 'copying', 'online', 'noAnswer', 'offline', 'refused']),
  lastSyncAt: z.string().nullable(),
  pendingCommands: z.number().int(),
  /** Commands the central database refused; each says why in the outbox. */
  refusedCommands: z.number().int(),
  conflicts: z.number().int(),
  problem: syncProblemSchema.nullable(),
  /** While a fresh console copies the central data: rows copied of the total. */
  initialSync: z.object({ copied: z.number().int(), total: z.number().int() }).nullable(),
})
export type SyncStatus = z.infer<typeof syncStatusSchema>

export const syncChannels = {
  'sync.status': channel({ input: z.object({}), output: syncStatusSchema, access: 'signedIn' }),
  /** Sync now rather than at the next wake-up; answers with the status after the attempt. */
  'sync.now': channel({ input: z.object({}), output: syncStatusSchema, access: 'signedIn' }),
}

/** This console's link to the central service as a supervisor sees it: never the private key. */
export const centralServiceViewSchema = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  consoleName: z.string().nullable(),
  consoleId: z.string().nullable(),
  /** The utility's own certificate authority is trusted for this service. */
  customCa: z.boolean(),
  enrolledAt: z.string().nullable(),
  enrolledBy: z.string().nullable(),
})
export type CentralServiceView = z.infer<typeof centralServiceViewSchema>

/**
 * Enrols this console at a central service: a central supervisor's login and password approve it
 * (docs/central-service.md). The password goes to the service only.
 */
export const centralServiceInputSchema = z.object({
  url: z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\/[A-Za-z0-9.\-:[\]]+(:\d{1,5})?\/?$/),
  /** PEM of the utility's CA; null trusts the system's authorities. */
  caPem: z
    .string()
    .max(20_000)
    .regex(/-----BEGIN CERTIFICATE-----/)
    .nullable()
    .default(null),
  consoleName: z.string().trim().min(1).max(100),
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
})
export type CentralServiceInput = z.infer<typeof centralServiceInputSchema>

export const consoleListSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    enrolledAt: z.string(),
    enrolledBy: z.string(),
    lastSeenAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    thisConsole: z.boolean(),
  }),
)
export type ConsoleList = z.infer<typeof consoleListSchema>

/**
 * The service this console was started pointed at (`npm run start:browser -- --central URL
 * [--central-ca FILE]`), offered to prefill the enrolment form; nothing is trusted until a supervisor
 * approves the enrolment. Both parts are public: an address and a CA certificate.
 */
export const suggestedServiceSchema = z.object({
  url: z.string().nullable(),
  caPem: z.string().nullable(),
  caName: z.string().nullable(),
})
export type SuggestedService = z.infer<typeof suggestedServiceSchema>

/**
 * A command made while this console worked alone, waiting for the approving supervisor
 * (docs/central-service.md#work-made-before-enrolment): who made it, when, and what it did.
 */
export const madeAloneItemSchema = z.object({
  commandId: z.string(),
  command: z.string(),
  madeBy: z.string(),
  madeAt: z.string(),
  lines: z.array(auditLineSchema),
})
export type MadeAloneItem = z.infer<typeof madeAloneItemSchema>

const madeAloneChoice = z.object({ commandIds: z.array(z.uuid()).min(1).max(1000) })

export const syncSettingsChannels = {
  'sync.madeAlone': channel({
    input: z.object({}),
    output: z.array(madeAloneItemSchema),
    access: ['supervisor'],
  }),
  /** Sent up under the supervisor's own proof, saying whose work it was; needs their online sign-in. */
  'sync.acceptMadeAlone': channel({
    input: madeAloneChoice,
    output: z.object({ accepted: z.number().int() }),
    access: ['supervisor'],
  }),
  'sync.discardMadeAlone': channel({
    input: madeAloneChoice,
    output: z.object({ discarded: z.number().int() }),
    access: ['supervisor'],
  }),
  'sync.suggested': channel({ input: z.object({}), output: suggestedServiceSchema, access: 'public' }),
  'sync.connection': channel({
    input: z.object({}),
    output: centralServiceViewSchema,
    access: ['supervisor'],
  }),
  /**
   * Enrols at a service (checked first: reachable, certificate trusted, schema ready, the approver a
   * central supervisor), or with null forgets the service. A refusal changes nothing.
   */
  'sync.configure': channel({
    input: z.object({ service: centralServiceInputSchema.nullable() }),
    output: centralServiceViewSchema,
    access: ['supervisor'],
  }),
  /**
   * A brand-new console (no staff yet) joins the utility's central service instead of creating a
   * local first supervisor; the approving supervisor then signs in with central credentials.
   */
  'sync.enrolNew': channel({
    input: z.object({ service: centralServiceInputSchema }),
    output: centralServiceViewSchema,
    access: 'public',
  }),
  /** Every enrolled console, from the service (online only). */
  'sync.consoles': channel({ input: z.object({}), output: consoleListSchema, access: ['supervisor'] }),
  /** A stolen or retired console: refused by the service from now on. */
  'sync.revokeConsole': channel({
    input: z.object({ consoleId: z.uuid() }),
    output: consoleListSchema,
    access: ['supervisor'],
  }),
}
