import { z } from 'zod'
import { channel } from '../channel'

export const consoleSettingsSchema = z.object({
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Offline, only staff who signed in online on this console within this many days may sign in. */
  offlineSignInDays: z.number().int().min(1).max(90),
  /** The utility's update folder (any web server); null: this console does not look for updates. */
  updateFeedUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/[^\s]+$/)
    .nullable(),
  /** A supervisor holds this console on its version: updates are found but not downloaded. */
  holdVersion: z.boolean(),
  /** The utility's address and phone as its outgoing letters print them (a decision's letterhead). */
  letterheadAddress: z.string().trim().max(300),
  letterheadPhone: z.string().trim().max(100),
})
export type ConsoleSettings = z.infer<typeof consoleSettingsSchema>

export const settingsChannels = {
  'settings.get': channel({ input: z.object({}), output: consoleSettingsSchema, access: 'signedIn' }),
  'settings.update': channel({
    /** Only the settings given change. */
    input: consoleSettingsSchema.partial(),
    output: consoleSettingsSchema,
    access: ['supervisor'],
  }),
}
