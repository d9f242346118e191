import { randomBytes } from 'node:crypto'
import type { StaffRef } from '@shared/contract'
import type { Clock } from '../../clock'
import type { PersonSigner } from './person-keys'

export interface Session {
  token: string
  staff: StaffRef
  /** Sessions end after an absolute lifetime, however active (docs/central-service.md). */
  createdMs: number
  lastSeenMs: number
  /** Locked by idleness: the screen stays, only the password opens it again. */
  locked: boolean
  /**
   * The central service's token from this person's online sign-in on this console: what proves who
   * asks when the console calls the service on their behalf (the consoles list). Null offline.
   */
  centralToken: string | null
  /** A supervisor set this password: every channel but the password change refuses until it is changed. */
  mustChangePassword: boolean
  /**
   * The person's signing key, opened by their password at this sign-in: what proves to the central
   * service that they made the commands of this session (docs/central-service.md#proof-of-person).
   */
  signer: PersonSigner | null
}

/**
 * Sessions live in the main process's memory only: a restart signs everyone out, which is what a
 * console holding personal data should do.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private idleLockListeners: ((session: Session) => void)[] = []

  constructor(
    private readonly clock: Clock,
    readonly idleLockMs: () => number,
    /**
     * Whether the staff member may still work as the session says: active, with the same role. Asked
     * on every call, so a deactivation or role change synced from the central service ends the
     * session at the next call, on every console.
     */
    private readonly stillValid: (staff: StaffRef) => boolean = () => true,
    private readonly maxLifetimeMs = 12 * 3_600_000,
  ) {}

  create(
    staff: StaffRef,
    centralToken: string | null = null,
    mustChangePassword = false,
    signer: PersonSigner | null = null,
  ): Session {
    const now = this.clock.now().getTime()
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      staff,
      createdMs: now,
      lastSeenMs: now,
      locked: false,
      centralToken,
      mustChangePassword,
      signer,
    }
    this.sessions.set(session.token, session)
    if (signer) this.useSigner(staff.id, signer)
    return session
  }

  /**
   * A newer key replaces the person's earlier one on this console (centrally too): every session of
   * theirs signs with it from now on.
   */
  useSigner(staffId: number, signer: PersonSigner): void {
    for (const session of this.sessions.values()) if (session.staff.id === staffId) session.signer = signer
  }

  /** Finds a session, ends it if it may no longer work, and locks it if it has been idle too long. */
  resolve(token: string | null | undefined): Session | null {
    if (!token) return null
    const session = this.sessions.get(token)
    if (!session) return null
    const now = this.clock.now().getTime()
    if (now - session.createdMs > this.maxLifetimeMs || !this.stillValid(session.staff)) {
      this.sessions.delete(token)
      return null
    }
    this.lockIfIdle(session, now)
    return session
  }

  /** Told when a session falls idle-locked (the console then lets go of what that person held). */
  onIdleLock(listener: (session: Session) => void): void {
    this.idleLockListeners.push(listener)
  }

  /** Locks every session idle too long, without waiting for its next call (run on a timer). */
  sweep(): void {
    const now = this.clock.now().getTime()
    for (const session of this.sessions.values()) this.lockIfIdle(session, now)
  }

  private lockIfIdle(session: Session, now: number): void {
    if (session.locked || now - session.lastSeenMs <= this.idleLockMs()) return
    session.locked = true
    for (const listener of this.idleLockListeners) listener(session)
  }

  touch(session: Session): void {
    session.lastSeenMs = this.clock.now().getTime()
  }

  unlock(session: Session): void {
    session.locked = false
    this.touch(session)
  }

  /** Who is signed in on this console now (locked sessions included: their work is still open). */
  signedInLogins(): string[] {
    const now = this.clock.now().getTime()
    return [...this.sessions.values()]
      .filter((session) => now - session.createdMs <= this.maxLifetimeMs)
      .map((session) => session.staff.login)
  }

  /** The key of a person signed in here now, to sign the commands they make; null when none is open. */
  signerFor(staffId: number): PersonSigner | null {
    const now = this.clock.now().getTime()
    for (const session of this.sessions.values())
      if (session.staff.id === staffId && session.signer && now - session.createdMs <= this.maxLifetimeMs)
        return session.signer
    return null
  }

  /** The central token of this person's online session here, if they have one open now. */
  centralTokenFor(staffId: number): string | null {
    const now = this.clock.now().getTime()
    for (const session of this.sessions.values())
      if (
        session.staff.id === staffId &&
        session.centralToken &&
        now - session.createdMs <= this.maxLifetimeMs
      )
        return session.centralToken
    return null
  }

  remove(token: string): void {
    this.sessions.delete(token)
  }

  /**
   * Ends every session of this person but `keep` (the one that asked): a deactivated staff member or
   * a reset password ends them at once.
   */
  removeForStaff(staffId: number, keep: string | null = null): void {
    for (const [token, session] of this.sessions)
      if (session.staff.id === staffId && token !== keep) this.sessions.delete(token)
  }
}
