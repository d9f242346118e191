import { rowKey } from '@shared/central/row-keys'
import type BetterSqlite3 from 'better-sqlite3'
import type { Role, StaffMember, StaffRef } from '@shared/contract'
import { defineCommand, defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { staffChangeRefusal } from '@shared/domain/staff-changes'
import { countStaff, findStaffById, findStaffByLogin, toMember } from './staff-queries'

export interface NewStaff {
  login: string
  fullName: string
  role: Role
  passwordHash: string
}

function requireStaff(db: BetterSqlite3.Database, id: number) {
  const record = findStaffById(db, id)
  if (!record) throw new AppError('NOT_FOUND', { what: 'staff' })
  return record
}

const staffRowKey = (staff: { login: string }) => rowKey({ entity: 'staff', login: staff.login })

/**
 * One change of an existing staff row, audited as the row before and after; `marks` say in the audit
 * what happened that the row does not show (a password hash never enters the audit trail).
 */
function changeStaffRow(
  db: BetterSqlite3.Database,
  staffId: number,
  update: () => void,
  marks: Record<string, true> = {},
) {
  const before = toMember(requireStaff(db, staffId))
  update()
  const after = toMember(requireStaff(db, staffId))
  return {
    result: after,
    changes: [
      {
        entity: 'staff',
        entityId: after.id,
        before,
        after: { ...after, ...marks },
        rowKey: staffRowKey(after),
      },
    ],
  }
}

export const createStaff = defineSyncedCommand('staff.create')<NewStaff, StaffMember>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    if (findStaffByLogin(db, input.login)) throw new AppError('LOGIN_TAKEN', { login: input.login })
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO staff (login, full_name, role, password_hash, must_change_password, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      // A supervisor chose this password; a first-run supervisor chose their own.
      .run(input.login, input.fullName, input.role, input.passwordHash, ctx.staff ? 1 : 0, ctx.at, ctx.at)
    const created = toMember(requireStaff(db, Number(lastInsertRowid)))
    return {
      result: created,
      changes: [
        { entity: 'staff', entityId: created.id, before: null, after: created, rowKey: staffRowKey(created) },
      ],
    }
  },
})

/** Checked inside the transaction: two first-run forms submitted at once make one supervisor. */
export const createFirstSupervisor = defineSyncedCommand('auth.setupFirstSupervisor')<NewStaff, StaffMember>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    if (countStaff(db) > 0) throw new AppError('ALREADY_SET_UP')
    return createStaff.apply(db, input, ctx)
  },
})

export const resetStaffPassword = defineSyncedCommand('staff.resetPassword')<
  { staffId: number; passwordHash: string },
  StaffMember
>({
  // Staff are known to the central database by login; local ids differ from console to console.
  outboxPayload: (input, result) => ({ login: result.login, passwordHash: input.passwordHash }),
  apply(db, input, ctx) {
    return changeStaffRow(
      db,
      input.staffId,
      () =>
        db
          .prepare(
            `UPDATE staff SET password_hash = ?, failed_attempts = 0, locked_until = NULL,
              must_change_password = 1, updated_at = ? WHERE id = ?`,
          )
          .run(input.passwordHash, ctx.at, input.staffId),
      { passwordReset: true },
    )
  },
})

/**
 * A person's own new password (docs/delivery.md). The new hash is this console's
 * verifier too: an enrolled console keeps letting the person in offline, with the new password only.
 */
export const changeOwnPassword = defineSyncedCommand('staff.changeOwnPassword')<
  { staffId: number; passwordHash: string },
  StaffMember
>({
  outboxPayload: (input, result) => ({ login: result.login, passwordHash: input.passwordHash }),
  apply(db, input, ctx) {
    if (ctx.staff?.id !== input.staffId) throw new AppError('FORBIDDEN')
    return changeStaffRow(
      db,
      input.staffId,
      () =>
        db
          .prepare(
            `UPDATE staff SET password_hash = ?, must_change_password = 0, updated_at = ?,
              online_verified_at = CASE WHEN online_verified_at IS NULL THEN NULL ELSE ? END
            WHERE id = ?`,
          )
          .run(input.passwordHash, ctx.at, ctx.at, input.staffId),
      { ownPasswordChanged: true },
    )
  },
})

export const deactivateStaff = defineSyncedCommand('staff.deactivate')<{ staffId: number }, StaffMember>({
  outboxPayload: (_input, result) => ({ login: result.login }),
  apply(db, input, ctx) {
    if (ctx.staff?.id === input.staffId) throw new AppError('CANNOT_DEACTIVATE_SELF')
    return changeStaffRow(db, input.staffId, () =>
      db.prepare('UPDATE staff SET active = 0, updated_at = ? WHERE id = ?').run(ctx.at, input.staffId),
    )
  },
})

/**
 * A supervisor corrects a person's name, changes their role or switches their account on or off
 * (docs/business-rules.md#staff-consoles-and-the-central-service), by the rule the service applies too.
 */
export const updateStaff = defineSyncedCommand('staff.update')<
  { staffId: number; fullName: string; role: Role; active: boolean },
  StaffMember
>({
  outboxPayload: (input, result) => ({
    login: result.login,
    fullName: input.fullName,
    role: input.role,
    active: input.active,
  }),
  apply(db, input, ctx) {
    const target = requireStaff(db, input.staffId)
    const others = db
      .prepare(`SELECT count(*) FROM staff WHERE role = 'supervisor' AND active = 1 AND id <> ?`)
      .pluck()
      .get(input.staffId) as number
    const refusal = staffChangeRefusal(ctx.staff?.login ?? null, target, input, others)
    if (refusal) throw new AppError(refusal)
    return changeStaffRow(db, input.staffId, () =>
      db
        .prepare(`UPDATE staff SET full_name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?`)
        .run(input.fullName, input.role, input.active ? 1 : 0, ctx.at, input.staffId),
    )
  },
})

/**
 * Failed and successful sign-ins, for the lockout rule. Audited (who tried, when) but local to this
 * console: counters on one machine are no concern of the central database.
 */
export const recordSignInAttempt = defineCommand<
  { staffId: number; succeeded: boolean; maxFailures: number; lockMs: number },
  { lockedUntil: string | null }
>({
  name: 'auth.signInAttempt',
  outboxPayload: null,
  apply(db, input, ctx) {
    const record = requireStaff(db, input.staffId)
    const before = { failedAttempts: record.failedAttempts, lockedUntil: record.lockedUntil }
    let after: { failedAttempts: number; lockedUntil: string | null }
    if (input.succeeded) after = { failedAttempts: 0, lockedUntil: null }
    else {
      const failures = record.failedAttempts + 1
      after =
        failures >= input.maxFailures
          ? { failedAttempts: 0, lockedUntil: new Date(Date.parse(ctx.at) + input.lockMs).toISOString() }
          : { failedAttempts: failures, lockedUntil: null }
    }
    db.prepare('UPDATE staff SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(
      after.failedAttempts,
      after.lockedUntil,
      ctx.at,
      input.staffId,
    )
    return {
      result: { lockedUntil: after.lockedUntil },
      changes: [
        { entity: 'staff', entityId: input.staffId, before, after: { ...after, succeeded: input.succeeded } },
      ],
    }
  },
})

/**
 * A password the central service accepted (docs/central-service.md): the staff row is
 * taken as the service knows it, and this console keeps its own verifier of the password, derived
 * here, for offline sign-in within the supervisors' window. Console-local: nobody else's business.
 */
export const recordOnlineSignIn = defineCommand<
  { login: string; fullName: string; role: Role; mustChangePassword: boolean; verifier: string },
  StaffRef
>({
  name: 'auth.onlineSignIn',
  outboxPayload: null,
  apply(db, input, ctx) {
    const before = findStaffByLogin(db, input.login)
    db.prepare(
      `INSERT INTO staff (login, full_name, role, password_hash, active, online_verified_at, must_change_password,
        created_at, updated_at)
      VALUES (@login, @fullName, @role, @verifier, 1, @at, @mustChange, @at, @at)
      ON CONFLICT (login) DO UPDATE SET full_name = excluded.full_name, role = excluded.role,
        password_hash = excluded.password_hash, active = 1, online_verified_at = excluded.online_verified_at,
        must_change_password = excluded.must_change_password, failed_attempts = 0, locked_until = NULL`,
    ).run({ ...input, mustChange: input.mustChangePassword ? 1 : 0, at: ctx.at })
    const after = findStaffByLogin(db, input.login)!
    return {
      result: { id: after.id, login: after.login, fullName: after.fullName, role: after.role },
      changes: [
        {
          entity: 'staff',
          entityId: after.id,
          before: before ? toMember(before) : null,
          after: { ...toMember(after), signedInOnline: true },
        },
      ],
    }
  },
})
