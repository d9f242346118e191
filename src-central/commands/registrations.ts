import { heldByAnother } from './claims'
import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { allPassed, checkRegistration } from '@shared/domain/registration-checks'
import { registrationConfirmed, registrationRejected } from './mail-templates'
import { queueLetter } from './queue-letter'
import { APPLIED, refused, staffName, type CentralCommandContext, type CentralHandlers } from './outcome'

interface RegistrationRow {
  account_number: string
  surname: string
  email: string
  state: string
  decided_by: string | null
  decided_at: Date | null
}

/**
 * A clerk's decision on a web registration (docs/business-rules.md#web-registrations). The central database
 * decides between consoles: a registration already decided elsewhere, or held by someone else's
 * claim, refuses the later decision with who and when. A confirmation re-runs the checks on the
 * central data, since the account or another cabinet may have changed since the clerk looked.
 */
async function decideRegistration(
  client: pg.ClientBase,
  payload: CentralPayload<'registrations.decide'>,
  ctx: CentralCommandContext,
) {
  const { rows } = await client.query<RegistrationRow>(
    `SELECT account_number, surname, email, state, decided_by, decided_at FROM portal_registrations
    WHERE id = $1 FOR UPDATE`,
    [payload.registrationId],
  )
  const registration = rows[0]
  if (!registration) return refused('NOT_FOUND', { what: 'webRegistration' })
  if (registration.state !== 'pending')
    return refused('ALREADY_DECIDED', {
      by: await staffName(client, registration.decided_by),
      at: registration.decided_at?.toISOString() ?? null,
    })
  const held = await heldByAnother(client, `webRegistration:${payload.registrationId}`, ctx)
  if (held) return held

  const account = await client.query<{ id: string; status: 'active' | 'closed'; surname: string }>(
    `SELECT id, status, surname FROM accounts WHERE number = $1 FOR SHARE`,
    [registration.account_number],
  )
  const accountId = account.rows[0] ? Number(account.rows[0].id) : null
  let token: string | null = null
  if (payload.decision === 'confirm') {
    const cabinet = await client.query<{
      state: 'pending' | 'confirmed' | 'active' | 'rejected' | 'revoked'
    }>(`SELECT state FROM cabinets WHERE account_id = $1 FOR UPDATE`, [accountId])
    const emailUsed = await client.query(
      `SELECT 1 FROM cabinets WHERE lower(email) = lower($1) AND state IN ('confirmed', 'active') AND account_id <> $2`,
      [registration.email, accountId ?? -1],
    )
    const checks = checkRegistration({
      surnameTyped: registration.surname,
      account: account.rows[0]
        ? { status: account.rows[0].status, ownerSurname: account.rows[0].surname }
        : null,
      cabinetState: cabinet.rows[0]?.state ?? null,
      emailUsedElsewhere: (emailUsed.rowCount ?? 0) > 0,
    })
    if (!allPassed(checks) || accountId === null)
      return refused('REGISTRATION_CHECKS_FAILED', {
        checks: checks
          .filter((c) => !c.passed)
          .map((c) => c.code)
          .join(','),
      })
    const issued = await client.query<{ token: string }>(
      `SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS token`,
    )
    token = issued.rows[0]!.token
    await client.query(
      `INSERT INTO cabinets (account_id, email, state) VALUES ($1, $2, 'confirmed')
      ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, state = 'confirmed', updated_at = now()`,
      [accountId, registration.email],
    )
  }
  await client.query(
    `UPDATE portal_registrations SET state = $2, decided_by = $3, decided_at = now(), reject_reason = $4,
    activation_token = $5 WHERE id = $1`,
    [
      payload.registrationId,
      payload.decision === 'confirm' ? 'confirmed' : 'rejected',
      ctx.staffLogin,
      payload.decision === 'reject' ? payload.reason : null,
      token,
    ],
  )
  await client.query(`DELETE FROM claims WHERE entity_key = $1`, [
    `webRegistration:${payload.registrationId}`,
  ])
  await queueLetter(
    client,
    ctx,
    registration.email,
    accountId,
    token
      ? registrationConfirmed(registration.account_number, token)
      : registrationRejected(registration.account_number, payload.reason ?? ''),
  )
  return APPLIED
}

export const registrationsCommands: CentralHandlers<'registrations.decide'> = {
  'registrations.decide': decideRegistration,
}
