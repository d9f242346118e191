import type pg from 'pg'
import type { Role } from '@shared/contract'
import { PasswordHasher } from '../../src-main/modules/staff/password-hash'
import { appendAudit } from '../audit/audit-trail'

export interface SignInPolicy {
  maxFailedSignIns: number
  loginLockMs: number
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { maxFailedSignIns: 5, loginLockMs: 15 * 60_000 }

export type CredentialCheck =
  | { ok: true; staff: { login: string; fullName: string; role: Role; mustChangePassword: boolean } }
  | { ok: false; code: 'INVALID_CREDENTIALS' | 'LOGIN_LOCKED' | 'STAFF_INACTIVE'; until?: string }

/**
 * Checks a staff member's password centrally (docs/central-service.md). The attempt is
 * counted as a failure *before* the password is hashed, in one atomic statement per login: parallel
 * attempts each take their own number, so 24 at once cannot slip past a five-attempt lockout, and
 * attempts past the limit are refused without spending a hash. A success resets the count but never
 * clears a lock another attempt has set; a failure never clears anything.
 */
export async function checkStaffCredentials(
  pool: pg.Pool,
  hasher: PasswordHasher,
  policy: SignInPolicy,
  attempt: { login: string; password: string; consoleId: string },
): Promise<CredentialCheck> {
  const { rows } = await pool.query<StaffRow & { admitted: boolean }>(
    // One statement per attempt: the row lock on the counter orders parallel attempts. A lock in
    // force changes nothing; an expired one starts a fresh count.
    `WITH counted AS (
      INSERT INTO staff_lockouts AS l (login, failed_sign_ins)
      SELECT login, 1 FROM staff WHERE login = $1
      ON CONFLICT (login) DO UPDATE SET
        failed_sign_ins = CASE WHEN l.locked_until > now() THEN l.failed_sign_ins
          WHEN l.locked_until IS NOT NULL THEN 1 ELSE l.failed_sign_ins + 1 END,
        locked_until = CASE WHEN l.locked_until > now() THEN l.locked_until END
      RETURNING login, failed_sign_ins, locked_until
    )
    SELECT s.password_hash, s.full_name, s.role, s.active, s.must_change_password, c.locked_until,
      (c.locked_until IS NULL AND c.failed_sign_ins <= $2) AS admitted
    FROM counted c JOIN staff s ON s.login = c.login`,
    [attempt.login, policy.maxFailedSignIns],
  )
  const staff = rows[0]
  if (!staff) {
    await hasher.waitAsLongAsACheck(attempt.password)
    await audit(pool, 'signIn.failed', attempt, { reason: 'unknownLogin' })
    return { ok: false, code: 'INVALID_CREDENTIALS' }
  }
  if (!staff.admitted) {
    await audit(pool, 'signIn.refusedLocked', attempt, { until: staff.locked_until?.toISOString() ?? null })
    return {
      ok: false,
      code: 'LOGIN_LOCKED',
      ...(staff.locked_until ? { until: staff.locked_until.toISOString() } : {}),
    }
  }
  const matches = await hasher.verify(attempt.password, staff.password_hash)
  if (!matches) {
    // The count was taken before hashing; reaching the limit sets the lock, which only time lifts.
    const { rows: locked } = await pool.query<{ locked_until: Date }>(
      `UPDATE staff_lockouts SET locked_until = now() + make_interval(secs => $3::double precision / 1000)
      WHERE login = $1 AND failed_sign_ins >= $2 AND (locked_until IS NULL OR locked_until <= now())
      RETURNING locked_until`,
      [attempt.login, policy.maxFailedSignIns, policy.loginLockMs],
    )
    const until = locked[0]?.locked_until.toISOString()
    await audit(pool, until ? 'signIn.locked' : 'signIn.failed', attempt, { until: until ?? null })
    return until ? { ok: false, code: 'LOGIN_LOCKED', until } : { ok: false, code: 'INVALID_CREDENTIALS' }
  }
  // The reserved failure is taken back; a lock set meanwhile by parallel wrong attempts stays.
  const { rows: after } = await pool.query<{ locked_until: Date | null }>(
    `UPDATE staff_lockouts SET failed_sign_ins = 0 WHERE login = $1 AND (locked_until IS NULL OR locked_until <= now())
    RETURNING locked_until`,
    [attempt.login],
  )
  if (!after[0]) {
    await audit(pool, 'signIn.refusedLocked', attempt, {})
    return { ok: false, code: 'LOGIN_LOCKED' }
  }
  if (!staff.active) {
    await audit(pool, 'signIn.inactive', attempt, {})
    return { ok: false, code: 'STAFF_INACTIVE' }
  }
  await audit(pool, 'signIn.succeeded', attempt, {})
  return admitted(attempt.login, staff)
}

/**
 * The anonymous enrolment door's check (a console not yet enrolled): the same answers, but a wrong
 * password never counts toward the person's lockout, so nobody on the network can lock staff out; the
 * door is rate-limited by address instead (docs/central-service.md#the-doors-rate-limits). A lock in
 * force still refuses.
 */
export async function checkEnrolmentCredentials(
  pool: pg.Pool,
  hasher: PasswordHasher,
  credentials: { login: string; password: string },
): Promise<CredentialCheck> {
  const attempt = { ...credentials, consoleId: null }
  const { rows } = await pool.query<StaffRow>(
    `SELECT s.password_hash, s.full_name, s.role, s.active, s.must_change_password,
      CASE WHEN l.locked_until > now() THEN l.locked_until END AS locked_until
    FROM staff s LEFT JOIN staff_lockouts l ON l.login = s.login WHERE s.login = $1`,
    [attempt.login],
  )
  const staff = rows[0]
  if (!staff) {
    // As long as a real check, so the answer's time does not tell a login that exists.
    await hasher.waitAsLongAsACheck(attempt.password)
    await audit(pool, 'enrol.failed', attempt, { reason: 'unknownLogin' })
    return { ok: false, code: 'INVALID_CREDENTIALS' }
  }
  if (staff.locked_until) {
    await audit(pool, 'enrol.refusedLocked', attempt, { until: staff.locked_until.toISOString() })
    return { ok: false, code: 'LOGIN_LOCKED', until: staff.locked_until.toISOString() }
  }
  if (!(await hasher.verify(attempt.password, staff.password_hash))) {
    await audit(pool, 'enrol.failed', attempt, {})
    return { ok: false, code: 'INVALID_CREDENTIALS' }
  }
  if (!staff.active) return { ok: false, code: 'STAFF_INACTIVE' }
  await audit(pool, 'enrol.passwordChecked', attempt, {})
  return admitted(attempt.login, staff)
}

/** What both checks read of the person and their lock. */
interface StaffRow {
  password_hash: string
  full_name: string
  role: Role
  active: boolean
  must_change_password: boolean
  locked_until: Date | null
}

/** The person a right password admits, as the console takes them. */
function admitted(login: string, staff: StaffRow): CredentialCheck {
  return {
    ok: true,
    staff: {
      login,
      fullName: staff.full_name,
      role: staff.role,
      mustChangePassword: staff.must_change_password,
    },
  }
}

async function audit(
  pool: pg.Pool,
  action: string,
  attempt: { login: string; consoleId: string | null },
  detail: Record<string, unknown>,
) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await appendAudit(client, [{ action, staffLogin: attempt.login, consoleId: attempt.consoleId, detail }])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
