import { z } from 'zod'
import { channel } from '../channel'

/** Why a downloaded build was not installed. */
export const rejectedBuildSchema = z.enum(['checksum', 'unsigned', 'signature'])

/** Where this console's updating stands (docs/delivery.md). */
export const updateStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('checking') }),
  z.object({ kind: z.literal('upToDate'), version: z.string() }),
  z.object({ kind: z.literal('held'), version: z.string(), available: z.string() }),
  z.object({ kind: z.literal('older'), version: z.string(), offered: z.string() }),
  z.object({ kind: z.literal('downloading'), version: z.string(), percent: z.number() }),
  z.object({ kind: z.literal('rejected'), version: z.string(), reason: rejectedBuildSchema }),
  z.object({ kind: z.literal('ready'), version: z.string(), workOpen: z.boolean() }),
  z.object({ kind: z.literal('failed'), message: z.string() }),
])
export type UpdateState = z.infer<typeof updateStateSchema>

export const updateStatusSchema = z.object({
  /** False where the console is not an installed program (the browser shell, a development run). */
  installed: z.boolean(),
  currentVersion: z.string(),
  state: updateStateSchema,
})
export type UpdateStatus = z.infer<typeof updateStatusSchema>

export const updatesChannels = {
  'updates.status': channel({ input: z.object({}), output: updateStatusSchema, access: 'signedIn' }),
  'updates.check': channel({ input: z.object({}), output: updateStatusSchema, access: ['supervisor'] }),
  /** The user's "restart to update": refused while work is open on this console. */
  'updates.restart': channel({
    input: z.object({}),
    output: z.object({ outcome: z.enum(['restarting', 'workOpen', 'nothingReady']) }),
    access: 'signedIn',
  }),
}
