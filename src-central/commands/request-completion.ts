import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { moscowDate } from '@shared/domain/moscow-time'
import { fromPortalState } from '@shared/domain/requests/portal-states'
import type { CompletionEffect } from '@shared/domain/requests/kinds'
import { decideCompletion } from '@shared/domain/requests/request-completion'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'
import { CENTRAL_KINDS } from './request-kinds'
import type { AccountRow, CentralKind } from './request-kinds/central-kind'
import { alreadyMoved, lockRequest } from './requests'

type Payload = CentralPayload<'requests.complete'>

/**
 * Completes an approved request in one transaction
 * (docs/business-rules.md#closure-and-re-registration-requests): the shared decision (the core's checks,
 * then the kind's) on what PostgreSQL holds under lock, then the kind's effect and letter
 * (src-central/commands/request-kinds/). A second completion, from this console or another, finds the
 * request completed and is refused with who did it.
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
  const kind = request.kind
  await (CENTRAL_KINDS[kind] as CentralKind<typeof kind>).complete(
    { client, request, account: account!, payload, ctx },
    decision as CompletionEffect<typeof kind>,
  )
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

export const requestCompletionCommands: CentralHandlers<'requests.complete'> = {
  'requests.complete': completeRequest,
}
