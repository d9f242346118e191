import { z } from 'zod'
import { channel } from '../channel'

export const accountHitSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  eircNumber: z.string(),
  owner: z.string(),
  address: z.string(),
  district: z.string(),
  status: z.enum(['active', 'closed']),
  houseType: z.enum(['mkd', 'private']),
  /** Which field the query matched, so the results can say why a row is there. */
  matchedBy: z.enum(['number', 'eircNumber', 'phone', 'email', 'owner', 'address']),
})
export type AccountHit = z.infer<typeof accountHitSchema>

export const accountsChannels = {
  'accounts.search': channel({
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(50) }),
    output: z.object({
      /** `empty`: nothing searchable was typed; the UI says so instead of showing an empty table. */
      understood: z.enum(['empty', 'digits', 'email', 'text']),
      hits: z.array(accountHitSchema),
    }),
    access: 'signedIn',
  }),
}
