import { z } from 'zod'
import { channel } from '../channel'
import { ROLES } from '../roles'
import { fullNameSchema, loginSchema, passwordSchema } from './auth'

export const staffMemberSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
  lockedUntil: z.string().nullable(),
})
export type StaffMember = z.infer<typeof staffMemberSchema>

const staffId = z.number().int().positive()

export const staffChannels = {
  'staff.list': channel({
    input: z.object({}),
    output: z.array(staffMemberSchema),
    access: ['supervisor'],
  }),
  'staff.create': channel({
    input: z.object({
      login: loginSchema,
      fullName: fullNameSchema,
      role: z.enum(ROLES),
      password: passwordSchema,
      passwordRepeat: passwordSchema,
    }),
    output: staffMemberSchema,
    access: ['supervisor'],
  }),
  'staff.resetPassword': channel({
    input: z.object({ staffId, password: passwordSchema, passwordRepeat: passwordSchema }),
    output: staffMemberSchema,
    access: ['supervisor'],
  }),
  'staff.deactivate': channel({
    input: z.object({ staffId }),
    output: staffMemberSchema,
    access: ['supervisor'],
  }),
  /** A name corrected, a role changed, an account switched back on (or off): one audited change. */
  'staff.update': channel({
    input: z.object({ staffId, fullName: fullNameSchema, role: z.enum(ROLES), active: z.boolean() }),
    output: staffMemberSchema,
    access: ['supervisor'],
  }),
}
