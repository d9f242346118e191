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

/** One audit row as people read it: names, numbers, an action in words, each field before → after. */
export const auditLineSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  who: z.string(),
  action: z.string(),
  /** The command's own name, for the action filter. */
  command: z.string(),
  subject: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
})
export type AuditLine = z.infer<typeof auditLineSchema>

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })

export const auditFilterSchema = z.object({
  staffLogin: z.string().max(64).nullable().default(null),
  command: z.string().max(64).nullable().default(null),
  accountNumber: z.string().trim().max(20).nullable().default(null),
  /** Moscow dates, both included. */
  from: isoDate.nullable().default(null),
  to: isoDate.nullable().default(null),
  /** Sign-ins and claims are folded away unless asked for. */
  showSignIns: z.boolean().default(false),
})
export type AuditFilter = z.output<typeof auditFilterSchema>

export const auditChannels = {
  /** Newest first, keyset-paged by id so a long log never loads at once; filtered, in words. */
  'audit.list': channel({
    input: auditFilterSchema.extend({
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      rows: z.array(auditLineSchema),
      nextBeforeId: z.number().int().nullable(),
      /** How many sign-ins and claims the filter folded away. */
      folded: z.number().int(),
      /** Who appears in the log and which actions, for the filters. */
      people: z.array(z.object({ login: z.string(), name: z.string() })),
      actions: z.array(z.object({ command: z.string(), name: z.string() })),
    }),
    access: ['supervisor'],
  }),
  /** The filtered log as a file. */
  'audit.export': channel({
    input: auditFilterSchema.extend({ format: z.enum(['xlsx', 'csv', 'pdf']) }),
    output: z.object({ jobId: z.string(), fileName: z.string() }),
    access: ['supervisor'],
  }),
}
