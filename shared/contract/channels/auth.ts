import { z } from 'zod'
import { channel } from '../channel'
import { ROLES } from '../roles'

export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/)
export const passwordSchema = z.string().min(1).max(256)
export const fullNameSchema = z.string().trim().min(3).max(200)

export const staffRefSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
})
export type StaffRef = z.infer<typeof staffRefSchema>

export const sessionInfoSchema = z.object({
  token: z.string(),
  staff: staffRefSchema,
  idleLockMs: z.number().int().positive(),
  /** The password was set or reset by a supervisor: only `auth.changeOwnPassword` is open until changed. */
  mustChangePassword: z.boolean(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>

export const authChannels = {
  'auth.status': channel({
    input: z.object({}),
    output: z.object({
      setUp: z.boolean(),
      session: sessionInfoSchema.extend({ locked: z.boolean() }).nullable(),
      /** Only in `npm run demo`: the demo supervisor, so the sign-in screen signs in by itself. */
      demoSignIn: z.object({ login: z.string(), password: z.string() }).nullable(),
      /**
       * The copy (or the enrolment key) found at start could not be read: the console says so until a
       * supervisor connects it to the central service again.
       */
      lostCopy: z
        .object({
          at: z.string(),
          setAside: z.string().nullable(),
          reason: z.enum(['keyUnreadable', 'keyMissing', 'keyMismatch', 'centralKeyUnreadable']),
        })
        .nullable(),
    }),
    access: 'public',
  }),
  'auth.setupFirstSupervisor': channel({
    input: z.object({
      login: loginSchema,
      fullName: fullNameSchema,
      password: passwordSchema,
      passwordRepeat: passwordSchema,
    }),
    output: sessionInfoSchema,
    access: 'public',
  }),
  'auth.signIn': channel({
    input: z.object({ login: loginSchema, password: passwordSchema }),
    output: sessionInfoSchema,
    access: 'public',
  }),
  'auth.unlock': channel({
    input: z.object({ password: passwordSchema }),
    output: sessionInfoSchema,
    access: 'lockedSession',
  }),
  'auth.signOut': channel({ input: z.object({}), output: z.object({}), access: 'lockedSession' }),
  /** Keeps the session awake while the person types without calling anything else. */
  'auth.touch': channel({ input: z.object({}), output: z.object({}), access: 'ownPassword' }),
  /**
   * A person changes their own password: the current one proves it is them. A password a supervisor
   * set or reset must be changed so before anything else (`mustChangePassword` in the session).
   */
  'auth.changeOwnPassword': channel({
    input: z.object({
      currentPassword: passwordSchema,
      password: passwordSchema,
      passwordRepeat: passwordSchema,
    }),
    output: sessionInfoSchema,
    access: 'ownPassword',
  }),
}
