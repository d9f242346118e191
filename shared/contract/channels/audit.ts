import { z } from 'zod'
import { channel } from '../channel'

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  staffLogin: z.string().nullable(),
  command: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditChannels = {
  /** Newest first, keyset-paged by id so a long log never loads at once. */
  'audit.list': channel({
    input: z.object({
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      entity: z.string().max(50).optional(),
      entityId: z.string().max(50).optional(),
    }),
    output: z.object({ rows: z.array(auditEntrySchema), nextBeforeId: z.number().int().nullable() }),
    access: ['supervisor'],
  }),
}
