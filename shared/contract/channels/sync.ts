import { z } from 'zod'
import { channel } from '../channel'

/** Why the last sync did not go through, in terms a clerk can act on (never "sync failed"). */
export const syncProblemSchema = z.object({
  kind: z.enum(['unreachable', 'authFailed', 'notMigrated', 'serverError']),
  /** The server's own words, for the supervisor who calls IT; never shown as the only message. */
  detail: z.string().nullable(),
})
export type SyncProblem = z.infer<typeof syncProblemSchema>

export const syncStatusSchema = z.object({
  /** `localOnly`: no central database configured, the embedded default (DOMAIN.md, sync). */
  mode: z.enum(['localOnly', 'online', 'offline']),
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

/** The central database connection as a supervisor sees it: never the password. */
export const centralConnectionViewSchema = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  database: z.string().nullable(),
  user: z.string().nullable(),
  ssl: z.boolean(),
})
export type CentralConnectionView = z.infer<typeof centralConnectionViewSchema>

export const centralConnectionInputSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.\-:[\]]+$/),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1).max(63),
  user: z.string().trim().min(1).max(63),
  /** Empty keeps the stored password (a supervisor changing only the host need not retype it). */
  password: z.string().max(256).default(''),
  ssl: z.boolean().default(false),
})
export type CentralConnectionInput = z.infer<typeof centralConnectionInputSchema>

export const syncSettingsChannels = {
  'sync.connection': channel({
    input: z.object({}),
    output: centralConnectionViewSchema,
    access: ['supervisor'],
  }),
  /** Checks the connection first: an address that does not answer is refused and nothing changes. */
  'sync.configure': channel({
    input: z.object({ connection: centralConnectionInputSchema.nullable() }),
    output: centralConnectionViewSchema,
    access: ['supervisor'],
  }),
}
