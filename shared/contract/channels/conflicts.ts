import { z } from 'zod'
import { channel } from '../channel'
import { optionalNote } from '../text'

export const conflictSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['readingValue', 'accountField']),
  entityKey: z.string(),
  field: z.string().nullable(),
  /** What the row is, in words: the account number and owner, the meter and period. */
  subject: z.string(),
  accountId: z.number().int().nullable(),
  /** Reading conflicts: thousandths of m³ (the renderer formats them); account fields: the text. */
  centralValue: z.union([z.string(), z.number()]).nullable(),
  consoleValue: z.union([z.string(), z.number()]).nullable(),
  /** A reading the console meant for a period closed meanwhile: that period (the service moved it on). */
  movedFrom: z.string().nullable(),
  raisedBy: z.string().nullable(),
  raisedAt: z.string(),
})
export type SyncConflict = z.infer<typeof conflictSchema>

export const refusalSchema = z.object({
  commandId: z.string(),
  command: z.string(),
  at: z.string(),
  staffLogin: z.string().nullable(),
  /** The error code and parameters the central database gave, translated like any other error. */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
})
export type CommandRefusal = z.infer<typeof refusalSchema>

/** What sync could not settle by itself (docs/central-service.md), and what the server refused. */
export const conflictsChannels = {
  'conflicts.list': channel({ input: z.object({}), output: z.array(conflictSchema), access: ['supervisor'] }),
  'conflicts.resolve': channel({
    input: z.object({
      conflictId: z.number().int().positive(),
      keep: z.enum(['central', 'console']),
      note: optionalNote,
    }),
    output: z.object({}),
    access: ['supervisor'],
  }),
  /** Commands of this console the central database refused, newest first: each says why. */
  'sync.refusals': channel({ input: z.object({}), output: z.array(refusalSchema), access: 'signedIn' }),
}
