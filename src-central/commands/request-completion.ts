import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { moscowDate } from '@shared/domain/moscow-time'
import { fromPortalState } from '@shared/domain/requests/portal-states'
import { ownerChangesNow } from '@shared/domain/requests/completion-rules'
import { decideCompletion } from '@shared/domain/requests/request-completion'
import { switchDueOwners } from '../accounts/owner-switches'
import { accountClosed, accountReRegistered } from './mail-templates'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'
import { queueLetter } from './queue-letter'
import { alreadyMoved, lockRequest, type RequestRow } from './requests'

interface AccountRow {
  id: string
  status: 'active' | 'closed'
  house_type: 'mkd' | 'private'
  surname: string
  first_name: string
  patronymic: string | null
  phone: string | null
  email: string | null
  opened_on: string
}

type Payload = CentralPayload<'requests.complete'>

/**
 * Completes an approved request in one transaction
 * (docs/business-rules.md#closure-and-re-registration-requests): a closure closes the account from the date,
 * removes its meters and revokes its cabinet, once every active meter has its final reading; a
 * re-registration passes the account, same number, to the new owner from the date, keeps the previous owner
 * in the history and revokes the previous owner's cabinet. The letter goes out with it. A second completion,
 * from this console or another, finds the request completed and is refused with who did it.
 */
async function completeRequest(client: pg.ClientBase, payload: Payload, ctx: CentralCommandContext) {
  const locked = await lockRequest(client, payload.requestId, ctx)
  if ('refusal' in locked) return locked.refusal
  const { request } = locked
  const from = fromPortalState(request.state)
  const accounts = await client.query<AccountRow>(
    `SELECT id, status, house_type, surname, first_name, patronymic, phone, email, opened_on::text
    FROM accounts WHERE number = $1 FOR UPDATE`,
    [request.account_number],
  )
  const account = accounts.rows[0]
  const meters = account
    ? await client.query<{ serial: string; lastReceivedAt: Date | null }>(
        `SELECT m.serial, (SELECT max(r.received_at) FROM readings r WHERE r.meter_id = m.id) AS "lastReceivedAt"
        FROM meters m WHERE m.account_id = $1 AND m.status = 'active' ORDER BY m.serial`,
        [account.id],
      )
    : { rows: [] }
  const decision = decideCompletion(
    {
      kind: request.kind,
      state: from,
      submittedAt: new Date(request.submitted_at).toISOString(),
      account: account ? { status: account.status } : null,
      meters: meters.rows.map((meter) => ({
        serial: meter.serial,
        lastReceivedAt: meter.lastReceivedAt?.toISOString() ?? null,
      })),
    },
    payload,
    moscowDate(new Date(ctx.madeAt)),
  )
  if ('refusal' in decision) {
    const { code, ...params } = decision.refusal
    switch (code) {
      case 'REQUEST_ALREADY_MOVED':
        return alreadyMoved(client, payload.requestId, from)
      case 'UNKNOWN_ACCOUNT':
      case 'ACCOUNT_ALREADY_CLOSED':
        return refused(code, { number: request.account_number })
      default:
        return refused(code, params)
    }
  }
  // The decision found the account; the effect is written here, in PostgreSQL's terms.
  const found = account!
  if (decision.effect === 'close') await closeAccount(client, request, found, payload, ctx)
  else await passToNewOwner(client, request, found, decision.owner, payload, ctx)
  await client.query(`UPDATE portal_requests SET state = 'completed', completed_on = $2 WHERE id = $1`, [
    payload.requestId,
    payload.on,
  ])
  await client.query(
    `INSERT INTO portal_request_steps (request_id, from_state, to_state, staff_login) VALUES ($1, $2, 'completed', $3)`,
    [payload.requestId, from, ctx.staffLogin],
  )
  return APPLIED
}

async function closeAccount(
  client: pg.ClientBase,
  request: RequestRow,
  account: AccountRow,
  payload: Payload,
  ctx: CentralCommandContext,
) {
  await client.query(
    `UPDATE accounts SET status = 'closed', closed_on = $2, updated_at = now() WHERE id = $1`,
    [account.id, payload.on],
  )
  await client.query(
    `UPDATE meters SET status = 'removed', removed_on = $2 WHERE account_id = $1 AND status = 'active'`,
    [account.id, payload.on],
  )
  await revokeCabinet(client, account.id)
  const to = request.email ?? account.email
  if (to) {
    const debt = account.house_type === 'private' ? await debtOf(client, account.id) : 0
    await queueLetter(
      client,
      ctx,
      to,
      Number(account.id),
      accountClosed(request.account_number, payload.on, debt),
    )
  }
}

async function passToNewOwner(
  client: pg.ClientBase,
  request: RequestRow,
  account: AccountRow,
  owner: NonNullable<Payload['newOwner']>,
  payload: Payload,
  ctx: CentralCommandContext,
) {
  // The previous owner's time ends the day before; the first re-registration also writes the owner
  // the account had since it was opened, so the history starts at the beginning.
  const history = await client.query(`SELECT 1 FROM account_owners WHERE account_id = $1 LIMIT 1`, [
    account.id,
  ])
  if (!history.rowCount)
    await client.query(
      // The owner the account has already: switched to long ago.
      `INSERT INTO account_owners (account_id, surname, first_name, patronymic, phone, email, owned_from, owned_until,
        switched_at) VALUES ($1, $2, $3, $4, $5, $6, $7, GREATEST($7::date, $8::date - 1), now())`,
      [
        account.id,
        account.surname,
        account.first_name,
        account.patronymic,
        account.phone,
        account.email,
        account.opened_on,
        payload.on,
      ],
    )
  else
    await client.query(
      `UPDATE account_owners SET owned_until = GREATEST(coalesce(owned_from, $2::date - 1), $2::date - 1)
      WHERE account_id = $1 AND owned_until IS NULL`,
      [account.id, payload.on],
    )
  await client.query(
    `INSERT INTO account_owners (account_id, surname, first_name, patronymic, phone, email, owned_from, request_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      account.id,
      owner.surname,
      owner.firstName,
      owner.patronymic,
      owner.phone,
      owner.email,
      payload.on,
      request.id,
    ],
  )
  // The account changes hands on the date: today's or a past one now, a later one by the daily switch
  // (src-central/accounts/owner-switches.ts).
  if (ownerChangesNow(payload.on, moscowDate(new Date(ctx.madeAt))))
    await switchDueOwners(client, payload.on, account.id)
  if (owner.email)
    await queueLetter(
      client,
      ctx,
      owner.email,
      Number(account.id),
      accountReRegistered(
        request.account_number,
        payload.on,
        [owner.firstName, owner.patronymic].filter(Boolean).join(' '),
      ),
    )
}

async function revokeCabinet(client: pg.ClientBase, accountId: string) {
  await client.query(
    `UPDATE cabinets SET state = 'revoked', updated_at = now() WHERE account_id = $1 AND state <> 'revoked'`,
    [accountId],
  )
}

/** What the account owes: everything charged less everything paid, never below zero. */
async function debtOf(client: pg.ClientBase, accountId: string): Promise<number> {
  const { rows } = await client.query<{ owed: string }>(
    `SELECT (coalesce((SELECT sum(amount_kopecks) FROM charges WHERE account_id = $1), 0)
      - coalesce((SELECT sum(amount_kopecks) FROM payments WHERE account_id = $1), 0))::text AS owed`,
    [accountId],
  )
  return Math.max(0, Number(rows[0]!.owed))
}

export const requestCompletionCommands: CentralHandlers<'requests.complete'> = {
  'requests.complete': completeRequest,
}
