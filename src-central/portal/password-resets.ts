import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import { matchSurname } from '@shared/domain/surname-match'
import { passwordReset } from '../commands/mail-templates'

/** How long a reset link works (docs/portal-contract.md, "Password reset"). */
export const RESET_LINK_LIFETIME_HOURS = 24

/** Why a request was refused, as staff see it (`refusal_reason`). */
export type ResetRefusal = 'unknownAccount' | 'surnameMismatch' | 'noActiveCabinet' | 'alreadySent'

/**
 * What the website reads (`refusal`): a wrong surname and a missing cabinet alike, so a stranger
 * learns nothing of whose account it is (docs/portal-contract.md, "Forgotten password").
 */
const WEBSITE_ANSWER: Record<ResetRefusal, 'unknownAccount' | 'notConfirmed' | 'alreadySent'> = {
  unknownAccount: 'unknownAccount',
  surnameMismatch: 'notConfirmed',
  noActiveCabinet: 'notConfirmed',
  alreadySent: 'alreadySent',
}

/** How long a sent link makes the website's next request for the account wait ("already sent"). */
export const RESET_REPEAT_AFTER_MINUTES = 60

interface ResetRequest {
  id: string
  account_number: string
  surname: string | null
  requested_by: string | null
}

/**
 * Decides one reset request inside the caller's transaction: the account exists and is open, its
 * cabinet is active, and (for the website's requests) the surname names the owner by the
 * registration rule; then one letter with a single-use link goes to the cabinet's address. Only the
 * token's hash is stored. An operator's request (the card's "send link") skips the surname: the
 * operator checked the caller. A refusal sends nothing: a stranger learns nothing from the mailbox.
 */
export async function decidePasswordReset(
  client: pg.ClientBase,
  request: ResetRequest,
  commandId: string | null = null,
): Promise<{ sent: true } | { sent: false; refusal: ResetRefusal }> {
  const { rows } = await client.query<{
    id: string
    surname: string
    cabinet: string | null
    email: string | null
  }>(
    `SELECT a.id::text, a.surname, c.state AS cabinet, c.email
    FROM accounts a LEFT JOIN cabinets c ON c.account_id = a.id
    WHERE a.number = $1 AND a.status = 'active'`,
    [request.account_number],
  )
  const account = rows[0]
  const fromWebsite = request.requested_by === null
  const refusal: ResetRefusal | null = !account
    ? 'unknownAccount'
    : fromWebsite && matchSurname(request.surname ?? '', account.surname).kind !== 'match'
      ? 'surnameMismatch'
      : account.cabinet !== 'active' || !account.email
        ? 'noActiveCabinet'
        : fromWebsite && (await sentWithinTheHour(client, request))
          ? 'alreadySent'
          : null
  if (refusal) {
    await client.query(
      `UPDATE portal_password_resets SET state = 'refused', refusal = $2, refusal_reason = $3 WHERE id = $1`,
      [request.id, WEBSITE_ANSWER[refusal], refusal],
    )
    return { sent: false, refusal }
  }
  // One live link per account: the ones sent before stop working.
  await client.query(
    `UPDATE portal_password_resets SET state = 'expired'
    WHERE account_number = $1 AND state = 'sent' AND id <> $2`,
    [request.account_number, request.id],
  )
  const token = randomBytes(32).toString('hex')
  await client.query(
    `UPDATE portal_password_resets SET state = 'sent', token_hash = $2,
      expires_at = now() + make_interval(hours => $3) WHERE id = $1`,
    [request.id, createHash('sha256').update(token).digest('hex'), RESET_LINK_LIFETIME_HOURS],
  )
  const letter = passwordReset(request.account_number, token, RESET_LINK_LIFETIME_HOURS)
  await client.query(
    `INSERT INTO outgoing_mail (command_id, to_address, template, subject, body, account_id)
    VALUES ($1, $2, $3, $4, $5, $6)`,
    [commandId, account!.email, letter.template, letter.subject, letter.body, account!.id],
  )
  return { sent: true }
}

/** Whether a link for this account went out within the hour and still works: the letter is there. */
async function sentWithinTheHour(client: pg.ClientBase, request: ResetRequest): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM portal_password_resets r
    WHERE r.account_number = $1 AND r.state = 'sent' AND r.id <> $2 AND r.expires_at > now()
      AND r.submitted_at > now() - make_interval(mins => $3)`,
    [request.account_number, request.id, RESET_REPEAT_AFTER_MINUTES],
  )
  return rows.length > 0
}

/**
 * The website's new requests, decided a batch at a time. Rows are taken with SKIP LOCKED, so several
 * service instances share the work and none decides a request twice. Answers how many were decided.
 */
export async function decideWebsiteResets(pool: pg.Pool, limit = 100): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const { rows } = await client.query<ResetRequest>(
      `SELECT id::text, account_number, surname, requested_by FROM portal_password_resets
      WHERE state = 'new' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    )
    for (const request of rows) await decidePasswordReset(client, request)
    await client.query('COMMIT')
    return rows.length
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
