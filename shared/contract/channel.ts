import type { z } from 'zod'
import type { Role } from './roles'

/**
 * Who may call a channel. `public` needs no session (sign-in, first-run setup), `signedIn` any
 * unlocked session, `lockedSession` also a session locked by idleness (unlock, sign-out),
 * `ownPassword` any signed-in, unlocked session, including one whose password a supervisor set and
 * which must change it before anything else; a role list only those roles.
 */
export type Access = 'public' | 'signedIn' | 'lockedSession' | 'ownPassword' | readonly Role[]

export interface ChannelDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  input: I
  output: O
  access: A
}

/** A channel; its access is kept as written, so a handler knows whether it may be called without a session. */
export function channel<I extends z.ZodType, O extends z.ZodType, const A extends Access>(
  def: ChannelDef<I, O, A>,
): ChannelDef<I, O, A> {
  return def
}

/**
 * Whether a person in this role may call a channel of this access: the router's rule, asked by the
 * screens so that what they offer and what the main process allows are one list.
 */
export function accessAllows(access: Access, role: Role | null | undefined): boolean {
  if (access === 'public') return true
  if (!role) return false
  return typeof access === 'string' || access.includes(role)
}
