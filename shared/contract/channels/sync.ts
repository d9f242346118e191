import { z } from 'zod'
import { channel } from '../channel'

export const syncStatusSchema = z.object({
  /** `localOnly`: no central database configured, the embedded default (DOMAIN.md, sync). */
  mode: z.enum(['localOnly', 'online', 'offline']),
  lastSyncAt: z.string().nullable(),
  pendingCommands: z.number().int(),
  conflicts: z.number().int(),
})
export type SyncStatus = z.infer<typeof syncStatusSchema>

export const syncChannels = {
  'sync.status': channel({ input: z.object({}), output: syncStatusSchema, access: 'signedIn' }),
}
