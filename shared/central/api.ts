import { z } from 'zod'
import { CHAIN_PATTERN, PERSON_KEY_PATTERN } from './command-proof'
import { centralCommands } from './commands'
import type { CentralRow, FeedCursor } from './rows'

/**
 * The console↔service wire contract (HTTPS + one WebSocket): every request's schema, checked on
 * arrival by the service, and every answer's type, which the console's client is typed from.
 * Requests other than `health` and `enrol` are signed with the console's enrolment key.
 */
export const CENTRAL_API_VERSION = 'v1'

/** Why the service refused a request as a whole (a single command's refusal is in its outcome). */
export const SERVICE_ERROR_CODES = [
  'INVALID_REQUEST',
  'CONSOLE_NOT_ENROLLED',
  'CONSOLE_REVOKED',
  'BAD_SIGNATURE',
  /** A signed request's time outside the window around the service's clock. */
  'REQUEST_TIME',
  /** A signed request sent a second time (its nonce already seen). */
  'REQUEST_REPLAYED',
  'INVALID_CREDENTIALS',
  'LOGIN_LOCKED',
  'STAFF_INACTIVE',
  'FORBIDDEN',
  /** Signed in with a password a supervisor gave: only changing it is allowed until then. */
  'PASSWORD_CHANGE_REQUIRED',
  /** The staff token is missing, expired or from another console: sign in online again. */
  'SIGN_IN_AGAIN',
  'NOT_MIGRATED',
  /** The central database does not answer the service: the consoles wait and retry. */
  'UNAVAILABLE',
  'NOT_FOUND',
  /**
   * A push named the batch it follows (`after`) and that batch has no outcome yet: the console sends
   * this one again once the earlier one is answered.
   */
  'PUSH_OUT_OF_ORDER',
  /** Too many requests from this address (or console) in a short time: `params.retryAfterSeconds`. */
  'TOO_MANY_REQUESTS',
  /** The request's body is over the service's limit (`params.limitBytes`); nothing was read. */
  'TOO_LARGE',
  'INTERNAL',
] as const
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number]
export interface ServiceError {
  code: ServiceErrorCode
  params?: Record<string, string | number | boolean | null>
}

const cursor = z.object({ txid: z.string().regex(/^\d{1,20}$/), id: z.string().regex(/^\d{1,19}$/) })
const login = z.string().trim().min(1).max(64)
const password = z.string().min(1).max(256)

export const enrolRequest = z.object({
  consoleName: z.string().trim().min(1).max(100),
  /** Ed25519 public key, SPKI PEM, made on the console; its private half never leaves it. */
  publicKey: z.string().min(40).max(1000),
  login,
  password,
})
export interface EnrolAnswer {
  consoleId: string
}

/**
 * An online sign-in on an enrolled console. `personKey`: the public half of the key the console made
 * for this person at this sign-in (docs/central-service.md#proof-of-person); registered once the
 * password is right, it replaces the person's earlier key on this console.
 */
export const signInRequest = z.object({
  login,
  password,
  personKey: z.string().regex(PERSON_KEY_PATTERN).optional(),
  /** The console's clock at the sign-in: how far it is off is how its commands' times are read. */
  consoleClock: z.iso.datetime().optional(),
})

/**
 * The feed's names a console reads (docs/central-service.md#one-name-for-questions): 2 since the
 * question tables took one name. A console that sends none was built before, and is sent the old
 * names until it updates.
 */
export const FEED_NAMES = 2
const feedNames = z.literal(FEED_NAMES).optional()

export const initialStartRequest = z.object({ currentPeriod: z.string().regex(/^\d{4}-\d{2}$/) })
export interface InitialStartAnswer {
  start: FeedCursor
  fromPeriod: string
  total: number
  steps: number
}

export const initialPageRequest = z.object({
  step: z.number().int().min(0).max(100),
  fromPeriod: z.string().regex(/^\d{4}-\d{2}$/),
  after: z
    .array(z.union([z.string(), z.number()]))
    .max(4)
    .nullable(),
  limit: z.number().int().min(1).max(20_000),
  names: feedNames,
})
/**
 * One page of a first copy, column by column: the names once, then each row as an array of values in
 * that order. A million readings as objects would repeat every key a million times in the JSON.
 */
export interface InitialPageAnswer {
  table: string
  key: string[]
  columns: string[]
  rows: unknown[][]
}

/** The page's rows as objects, for the mirror. */
export function pageRows(page: InitialPageAnswer): Record<string, unknown>[] {
  const { columns } = page
  return page.rows.map((values) => {
    const row: Record<string, unknown> = {}
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i]
    return row
  })
}

export const feedRequest = z.object({ cursor, limit: z.number().int().min(1).max(20_000), names: feedNames })
export interface FeedAnswer {
  changes: CentralRow[]
  /** Where the next read starts; unchanged when the page is empty. */
  next: FeedCursor
  /**
   * Committed changes past `next` wait behind an older transaction still open (the feed reads only
   * below it): their notification has come and gone, so the console reads again shortly.
   */
  heldBack?: boolean
}

/** A console-side audit row, kept centrally beside the service's own record of the command. */
const consoleAuditChange = z.object({
  entity: z.string().max(64),
  entityId: z.string().max(200),
  before: z.unknown(),
  after: z.unknown(),
})

export const pushedCommand = z.object({
  commandId: z.uuid(),
  command: z.string().max(64),
  /** Checked against `centralCommands[command].payload` by the service, per command. */
  payload: z.unknown(),
  /** The staff login under whose session the console made it; null for the console's own work. */
  author: login.nullable(),
  madeAt: z.string().max(40),
  /** Row keys (shared/central/row-keys) the command touched on the console: answered with central images. */
  keys: z.array(z.string().max(200)).max(200),
  audit: z.array(consoleAuditChange).max(200),
  /**
   * The author's proof (shared/central/command-proof): their registered public key and its signature
   * over the command. Null for the console's own work, and for work the service will refuse unproven.
   */
  proof: z
    .object({
      key: z.string().regex(PERSON_KEY_PATTERN),
      signature: z.string().max(200),
      /** The hash of what this key signed before on this console (docs/central-service.md#chained-proofs). */
      chain: z.string().regex(CHAIN_PATTERN).nullable().default(null),
    })
    .nullable()
    .default(null),
  /**
   * Work made while the console worked alone, accepted by the author (a supervisor): whose it was and
   * when it was made there. Covered by the proof.
   */
  madeAlone: z
    .object({ login: z.string().max(64), fullName: z.string().max(200), madeAt: z.string().max(40) })
    .nullable()
    .default(null),
  /**
   * For a command that needs the author's online session (staff management): HMAC-SHA256 of the
   * command id under the SHA-256 of their session token (shared/central/command-proof).
   */
  sessionProof: z.string().max(100).nullable().default(null),
})
export type PushedCommand = z.infer<typeof pushedCommand>
export const pushRequest = z.object({
  commands: z.array(pushedCommand).min(1).max(1000),
  /** The last command of the batch this one follows; it is applied only after that one. */
  after: z.string().uuid().nullable().default(null),
})

export type CommandOutcome =
  | { outcome: 'applied' }
  | { outcome: 'refused'; detail: { code: string; [key: string]: unknown } }
  | { outcome: 'conflict'; detail: { conflicts: number } }
export interface PushAnswer {
  outcomes: ({ commandId: string } & CommandOutcome)[]
  /** The central images of every row the pushed commands touched, for the console to take. */
  rows: CentralRow[]
}

/** A staff member's token from an online sign-in on this console: who is asking, proven. */
const staffToken = z.string().min(20).max(200)
export const actorRequest = z.object({ token: staffToken })
export const revokeRequest = z.object({ token: staffToken, consoleId: z.uuid() })
export const documentRequest = z.object({ token: staffToken, documentId: z.number().int().positive() })

export const staffWorkRequest = z.object({ token: staffToken, from: z.iso.datetime(), to: z.iso.datetime() })

/** Staff productivity from the central audit trail (supervisors only). */
export interface StaffWorkAnswer {
  people: {
    login: string
    fullName: string
    /** Paper forms entered (readings.record), and the hours of each day's span they were typed in. */
    forms: number
    hours: number
    formsPerHour: number | null
    /** Registrations, requests, questions and web readings decided. */
    decisions: number
  }[]
}

/** One document of a request, fetched when a clerk opens it (its bytes never ride the feed). */
export interface DocumentAnswer {
  fileName: string
  mediaType: string
  /** base64 */
  content: string
}

export interface SignInAnswer {
  staff: {
    login: string
    fullName: string
    role: 'operator' | 'clerk' | 'supervisor'
    /** The password was set or reset by a supervisor: its owner changes it before anything else. */
    mustChangePassword: boolean
  }
  /** For the calls this console makes on the person's behalf while online; ends with the session. */
  token: string
  expiresAt: string
}
export interface ConsoleListAnswer {
  consoles: {
    id: string
    name: string
    enrolledAt: string
    enrolledBy: string
    lastSeenAt: string | null
    revokedAt: string | null
    revokedBy: string | null
  }[]
}

export interface HealthAnswer {
  service: 'vodokanal-central'
  api: typeof CENTRAL_API_VERSION
  schema: 'ready' | 'notMigrated'
}

/** Messages on the WebSocket (`/v1/live`). */
export type LiveServerMessage =
  | { type: 'challenge'; nonce: string }
  | { type: 'ready' }
  /** Something was committed centrally: pull the feed. */
  | { type: 'changed' }
  | { type: 'page'; requestId: number; page: FeedAnswer }
  | { type: 'error'; requestId: number | null; error: ServiceError }
export const liveClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), consoleId: z.uuid(), signature: z.string().max(200) }),
  z.object({ type: z.literal('feed'), requestId: z.number().int(), request: feedRequest }),
])
export type LiveClientMessage = z.infer<typeof liveClientMessage>

/**
 * What the console signs, one per line: the method, the path, the body's SHA-256, and when and under
 * which single-use nonce it sent it (docs/central-service.md#requests-that-cannot-be-replayed).
 */
export function signedText(
  method: string,
  path: string,
  bodySha256Hex: string,
  stamp: { at: string; nonce: string },
): string {
  return `${method.toUpperCase()}\n${path}\n${bodySha256Hex}\n${stamp.at}\n${stamp.nonce}`
}

export const SIGNATURE_HEADER = 'x-vodokanal-signature'
export const CONSOLE_HEADER = 'x-vodokanal-console'
/** When the console sent a signed request, in the service's time as the console reckons it (ISO). */
export const TIME_HEADER = 'x-vodokanal-time'
/** A random value used once: the service keeps each one for as long as its request could be fresh. */
export const NONCE_HEADER = 'x-vodokanal-nonce'
/** How far a signed request's time may stand from the service's clock. */
export const REQUEST_WINDOW_MS = 2 * 60_000

export { centralCommands }
