import type { Role } from '../contract/roles'

export type StaffChangeRefusal = 'CANNOT_DEACTIVATE_SELF' | 'CANNOT_CHANGE_OWN_ROLE' | 'LAST_SUPERVISOR'

/**
 * Whether a supervisor may change a person's role or switch their account on or off
 * (docs/business-rules.md#staff-consoles-and-the-central-service), decided alike on the console and the
 * service: nobody switches themselves off or changes their own role (another supervisor does), and the
 * utility always keeps one active supervisor. A name may always be corrected.
 */
export function staffChangeRefusal(
  actorLogin: string | null,
  target: { login: string; role: Role; active: boolean },
  change: { role: Role; active: boolean },
  otherActiveSupervisors: number,
): StaffChangeRefusal | null {
  const own = actorLogin === target.login
  if (own && target.active && !change.active) return 'CANNOT_DEACTIVATE_SELF'
  if (own && change.role !== target.role) return 'CANNOT_CHANGE_OWN_ROLE'
  const stopsSupervising =
    target.role === 'supervisor' && target.active && (change.role !== 'supervisor' || !change.active)
  if (stopsSupervising && otherActiveSupervisors === 0) return 'LAST_SUPERVISOR'
  return null
}
