import { randomBytes } from 'node:crypto'
import type { StaffRef } from '@shared/contract'
import type { Clock } from '../../clock'

export interface Session {
  token: string
  staff: StaffRef
  lastSeenMs: number
  /** Locked by idleness: the screen stays, only the password opens it again. */
  locked: boolean
}

/**
 * Sessions live in the main process's memory only: a restart signs everyone out, which is what a
 * console holding personal data should do.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>()

  constructor(
    private readonly clock: Clock,
    readonly idleLockMs: () => number,
  ) {}

  create(staff: StaffRef): Session {
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      staff,
      lastSeenMs: this.clock.now().getTime(),
      locked: false,
    }
    this.sessions.set(session.token, session)
    return session
  }

  /** Finds a session and locks it if it has been idle too long. */
  resolve(token: string | null | undefined): Session | null {
    if (!token) return null
    const session = this.sessions.get(token)
    if (!session) return null
    if (!session.locked && this.clock.now().getTime() - session.lastSeenMs > this.idleLockMs())
      session.locked = true
    return session
  }

  touch(session: Session): void {
    session.lastSeenMs = this.clock.now().getTime()
  }

  unlock(session: Session): void {
    session.locked = false
    this.touch(session)
  }

  remove(token: string): void {
    this.sessions.delete(token)
  }

  /** A deactivated staff member or a reset password ends every session of that person at once. */
  removeForStaff(staffId: number): void {
    for (const [token, session] of this.sessions)
      if (session.staff.id === staffId) this.sessions.delete(token)
  }
}
