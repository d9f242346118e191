import type BetterSqlite3 from 'better-sqlite3'
import type { Role, StaffMember, StaffRef } from '@shared/contract'

export interface StaffRecord extends StaffMember {
  /** A console's own verifier: the local hash, or, once synced, the one derived at an online sign-in. */
  passwordHash: string
  failedAttempts: number
  onlineVerifiedAt: string | null
  /** A supervisor set the password: its owner changes it at the next sign-in. */
  mustChangePassword: boolean
}

const SELECT_STAFF = `SELECT id, login, full_name AS fullName, role, active, created_at AS createdAt,
  locked_until AS lockedUntil, password_hash AS passwordHash, failed_attempts AS failedAttempts,
  online_verified_at AS onlineVerifiedAt, must_change_password AS mustChangePassword FROM staff`

interface RawStaff extends Omit<StaffRecord, 'active' | 'role' | 'mustChangePassword'> {
  active: number
  role: string
  mustChangePassword: number
}

function fromRaw(raw: RawStaff | undefined): StaffRecord | null {
  return raw
    ? {
        ...raw,
        role: raw.role as Role,
        active: raw.active === 1,
        mustChangePassword: raw.mustChangePassword === 1,
      }
    : null
}

export function findStaffByLogin(db: BetterSqlite3.Database, login: string): StaffRecord | null {
  return fromRaw(db.prepare(`${SELECT_STAFF} WHERE login = ?`).get(login) as RawStaff | undefined)
}

export function findStaffById(db: BetterSqlite3.Database, id: number): StaffRecord | null {
  return fromRaw(db.prepare(`${SELECT_STAFF} WHERE id = ?`).get(id) as RawStaff | undefined)
}

export function listStaff(db: BetterSqlite3.Database): StaffMember[] {
  const rows = db.prepare(`${SELECT_STAFF} ORDER BY active DESC, full_name`).all() as RawStaff[]
  return rows.map((raw) => toMember(fromRaw(raw)!))
}

export function countStaff(db: BetterSqlite3.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n
}

/** What leaves the main process: never the hash or the counters. */
export function toMember(record: StaffRecord): StaffMember {
  const { id, login, fullName, role, active, createdAt, lockedUntil } = record
  return { id, login, fullName, role, active, createdAt, lockedUntil }
}

export function toRef(record: StaffRecord): StaffRef {
  const { id, login, fullName, role } = record
  return { id, login, fullName, role }
}
