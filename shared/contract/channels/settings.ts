import { z } from 'zod'
import { channel } from '../channel'

export const consoleSettingsSchema = z.object({
  idleLockMinutes: z.number().int().min(1).max(240),
})
export type ConsoleSettings = z.infer<typeof consoleSettingsSchema>

export const settingsChannels = {
  'settings.get': channel({ input: z.object({}), output: consoleSettingsSchema, access: 'signedIn' }),
  'settings.update': channel({
    input: consoleSettingsSchema,
    output: consoleSettingsSchema,
    access: ['supervisor'],
  }),
}
