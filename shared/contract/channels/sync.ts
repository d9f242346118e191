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
