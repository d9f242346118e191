import type pg from 'pg'
import { decidePasswordReset } from '../portal/password-resets'
import type { CentralCommandName, CentralPayload } from '@shared/central/commands'
import type { Role } from '@shared/contract'
import { staffChangeRefusal } from '@shared/domain/staff-changes'
import { accountNotesCommands } from './account-notes'
import { claimsCommands } from './claims'
import { conflictsCommands } from './conflicts'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'
import { recordReadingsBatch, updateContactsBatch } from './batched'
import { setPeriodClosed } from './period-closures'
import { inboxSettingsCommands } from './inbox-settings'
import { questionsCommands } from './questions'
import { registrationsCommands } from './registrations'
import { requestCompletionCommands } from './request-completion'
import { requestDocumentsCommands } from './request-documents'
import { requestsCommands } from './requests'
import { webReadingsCommands } from './web-readings'

export type { CentralCommandContext, CentralOutcome } from './outcome'

/** A paper or phone form: each meter's reading, by `writeReadings`' rules (one form: a batch of one). */
async function recordReadings(
  client: pg.ClientBase,
  payload: CentralPayload<'readings.record'>,
  ctx: CentralCommandContext,
) {
  const [outcome] = await recordReadingsBatch(client, [{ payload, ctx }])
  return outcome!
}

async function overrideReading(
  client: pg.ClientBase,
  payload: CentralPayload<'readings.override'>,
  ctx: CentralCommandContext,
) {
  const { rowCount } = await client.query(
    `UPDATE readings SET late = false, flags = NULL, overridden_by = $3, override_reason = $4
    WHERE meter_id = $1 AND period = $2`,
    [payload.meterId, payload.period, ctx.staffLogin, payload.reason],
  )
  return rowCount ? APPLIED : refused('NOT_FOUND', { what: 'reading' })
}

/**
 * Field-level merge of a contacts edit (docs/central-service.md): see
 * `updateContactsBatch`; one edit is a batch of one.
 */
async function updateContacts(
  client: pg.ClientBase,
  payload: CentralPayload<'accounts.updateContacts'>,
  ctx: CentralCommandContext,
) {
  const [outcome] = await updateContactsBatch(client, [{ payload, ctx }])
  return outcome!
}

/**
 * The card's "send link" (an operator checked the caller by phone): the same reset path as the
 * website's, decided at once, so the letter carries a real single-use link.
 */
async function queuePasswordReset(
  client: pg.ClientBase,
  payload: CentralPayload<'accounts.sendPasswordReset'>,
  ctx: CentralCommandContext,
) {
  const { rows } = await client.query<{ number: string }>(`SELECT number FROM accounts WHERE id = $1`, [
    payload.accountId,
  ])
  if (!rows[0]) return refused('NOT_FOUND', { what: 'account' })
  const { rows: requests } = await client.query<{ id: string }>(
    `INSERT INTO portal_password_resets (account_number, requested_by) VALUES ($1, $2) RETURNING id::text`,
    [rows[0].number, ctx.staffLogin],
  )
  const decision = await decidePasswordReset(
    client,
    { id: requests[0]!.id, account_number: rows[0].number, surname: null, requested_by: ctx.staffLogin },
    ctx.commandId,
  )
  return decision.sent ? APPLIED : refused('NO_ACTIVE_CABINET')
}

/**
 * Staff accounts are central (docs/central-service.md): a login that exists is never overwritten
 * by a console, whoever asks; the refusal says so and the console takes the central row back.
 */
async function createStaff(client: pg.ClientBase, payload: CentralPayload<'staff.create'>) {
  const { rowCount } = await client.query(
    `INSERT INTO staff (login, full_name, role, password_hash, must_change_password) VALUES ($1, $2, $3, $4, true)
    ON CONFLICT (login) DO NOTHING`,
    [payload.login, payload.fullName, payload.role, payload.passwordHash],
  )
  return rowCount ? APPLIED : refused('LOGIN_TAKEN', { login: payload.login })
}

/** Never applied: a console's first-run supervisor exists only on that console (see `authors`). */
async function refuseFirstRunSupervisor(_client: pg.ClientBase, payload: CentralPayload<'staff.create'>) {
  return refused('FIRST_RUN_LOCAL_ONLY', { login: payload.login })
}

async function resetStaffPassword(client: pg.ClientBase, payload: CentralPayload<'staff.resetPassword'>) {
  const { rowCount } = await client.query(
    `UPDATE staff SET password_hash = $2, password_changed_at = now(), must_change_password = true,
      updated_at = now() WHERE login = $1`,
    [payload.login, payload.passwordHash],
  )
  if (!rowCount) return refused('NOT_FOUND', { what: 'staff' })
  // A supervisor's reset also lifts a lockout: that is what the staff member called about.
  await client.query(`DELETE FROM staff_lockouts WHERE login = $1`, [payload.login])
  return APPLIED
}

/**
 * A person's own new password: only its owner may set it (whatever role they hold), and it lifts the
 * duty to change it. Changed "as of" the moment it was made, so the console that made it keeps the
 * offline verifier it derived from the new password then.
 */
async function changeOwnPassword(
  client: pg.ClientBase,
  payload: CentralPayload<'staff.changeOwnPassword'>,
  ctx: CentralCommandContext,
) {
  if (ctx.staffLogin !== payload.login) return refused('FORBIDDEN', { login: ctx.staffLogin })
  const { rowCount } = await client.query(
    `UPDATE staff SET password_hash = $2, must_change_password = false, updated_at = now(),
      password_changed_at = least(now(), coalesce($3::timestamptz, now()))
    WHERE login = $1 AND active`,
    [payload.login, payload.passwordHash, Number.isNaN(Date.parse(ctx.madeAt)) ? null : ctx.madeAt],
  )
  return rowCount ? APPLIED : refused('NOT_FOUND', { what: 'staff' })
}

async function deactivateStaff(client: pg.ClientBase, payload: CentralPayload<'staff.deactivate'>) {
  const { rowCount } = await client.query(
    `UPDATE staff SET active = false, updated_at = now() WHERE login = $1`,
    [payload.login],
  )
  return rowCount ? APPLIED : refused('NOT_FOUND', { what: 'staff' })
}

/** A name, role or active flag changed by a supervisor, by the rule the console applied (shared). */
async function updateStaff(
  client: pg.ClientBase,
  payload: CentralPayload<'staff.update'>,
  ctx: CentralCommandContext,
) {
  const { rows } = await client.query<{ login: string; role: Role; active: boolean }>(
    `SELECT login, role, active FROM staff WHERE login = $1 FOR UPDATE`,
    [payload.login],
  )
  const target = rows[0]
  if (!target) return refused('NOT_FOUND', { what: 'staff' })
  // Every active supervisor locked too: two consoles demoting the last two at once cannot both pass.
  const { rows: others } = await client.query(
    `SELECT login FROM staff WHERE role = 'supervisor' AND active AND login <> $1 FOR UPDATE`,
    [payload.login],
  )
  const refusal = staffChangeRefusal(ctx.staffLogin, target, payload, others.length)
  if (refusal) return refused(refusal)
  await client.query(
    `UPDATE staff SET full_name = $2, role = $3, active = $4, updated_at = now() WHERE login = $1`,
    [payload.login, payload.fullName, payload.role, payload.active],
  )
  return APPLIED
}

/** Every command a console queues, by name, typed from the shared command contract. */
export const CENTRAL_COMMANDS: CentralHandlers<CentralCommandName> = {
  'readings.record': recordReadings,
  'readings.override': overrideReading,
  ...webReadingsCommands,
  'readings.setPeriodClosed': setPeriodClosed,
  'accounts.updateContacts': updateContacts,
  'accounts.sendPasswordReset': queuePasswordReset,
  'staff.create': createStaff,
  'auth.setupFirstSupervisor': refuseFirstRunSupervisor,
  'staff.resetPassword': resetStaffPassword,
  'staff.changeOwnPassword': changeOwnPassword,
  'staff.deactivate': deactivateStaff,
  'staff.update': updateStaff,
  ...registrationsCommands,
  ...requestsCommands,
  ...requestDocumentsCommands,
  ...requestCompletionCommands,
  ...questionsCommands,
  ...inboxSettingsCommands,
  ...claimsCommands,
  ...accountNotesCommands,
  ...conflictsCommands,
}
