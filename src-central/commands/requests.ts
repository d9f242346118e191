import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { fromPortalState, toPortalState } from '@shared/domain/requests/portal-states'
import { REQUEST_KIND_RULES, type RequestKind } from '@shared/domain/requests/kinds'
import { canMove, isFinal, stepNeedsReason } from '@shared/domain/requests/request-states'
import { requiredDocuments } from '@shared/domain/requests/required-documents'
import { inspectorVisit, requestDocumentsMissing, requestRejected } from './mail-templates'
import { APPLIED, refused, staffName, type CentralCommandContext, type CentralHandlers } from './outcome'
import { heldByAnother } from './claims'
import { accountIdOf, queueLetter } from './queue-letter'

export interface RequestRow {
  id: number
  kind: RequestKind
  account_number: string
  email: string | null
  state: string
  submitted_at: Date
}

/**
 * The request, locked for this command's transaction, unless it does not exist or another person holds
 * it (ALREADY_CLAIMED, with who and since when): every command on a request starts here.
 */
export async function lockRequest(
  client: pg.ClientBase,
  requestId: number,
  ctx: CentralCommandContext,
): Promise<{ request: RequestRow } | { refusal: ReturnType<typeof refused> }> {
  const found = await client.query<RequestRow>(
    `SELECT id, kind, account_number, email, state, submitted_at FROM portal_requests WHERE id = $1 FOR UPDATE`,
    [requestId],
  )
  const request = found.rows[0]
  if (!request) return { refusal: refused('NOT_FOUND', { what: 'request' }) }
  const held = await heldByAnother(client, `webRequest:${requestId}`, ctx)
  return held ? { refusal: held } : { request }
}

/**
 * One step of a request of any kind
 * (docs/business-rules.md#closure-and-re-registration-requests; the steps in
 * shared/domain/requests/request-states.ts). The central database decides between consoles: a step from a
 * state the request has already left is refused with who moved it and when, as is a step on a request someone
 * else holds. Asking for documents writes to the subscriber naming them, and stops the due-date clock (the
 * step itself is what the rule reads); a refusal writes the reason.
 */
async function stepRequest(
  client: pg.ClientBase,
  payload: CentralPayload<'requests.step'>,
  ctx: CentralCommandContext,
) {
  const locked = await lockRequest(client, payload.requestId, ctx)
  if ('refusal' in locked) return locked.refusal
  const { request } = locked
  const from = fromPortalState(request.state)
  if (!canMove(from, payload.to, REQUEST_KIND_RULES[request.kind]))
    return alreadyMoved(client, payload.requestId, from)
  const reason = payload.reason?.trim() || null
  if (stepNeedsReason(from, payload.to) && !reason) return refused('REASON_REQUIRED')
  const required = requiredDocuments(request.kind)
  const missing = payload.missing.filter((document) => required.includes(document))
  if (payload.to === 'awaiting_documents' && missing.length === 0)
    return refused('MISSING_DOCUMENTS_REQUIRED')

  await client.query(`UPDATE portal_requests SET state = $2 WHERE id = $1`, [
    payload.requestId,
    toPortalState(payload.to),
  ])
  await client.query(
    `INSERT INTO portal_request_steps (request_id, from_state, to_state, staff_login, reason) VALUES ($1, $2, $3, $4, $5)`,
    [payload.requestId, from, payload.to, ctx.staffLogin, reason],
  )
  if (request.email && payload.to === 'awaiting_documents')
    await queueLetter(
      client,
      ctx,
      request.email,
      await accountIdOf(client, request.account_number),
      requestDocumentsMissing(request.account_number, request.kind, missing, reason),
    )
  if (request.email && payload.to === 'awaiting_visit')
    await queueLetter(
      client,
      ctx,
      request.email,
      await accountIdOf(client, request.account_number),
      inspectorVisit(request.account_number, request.kind, reason!),
    )
  if (request.email && payload.to === 'rejected')
    await queueLetter(
      client,
      ctx,
      request.email,
      await accountIdOf(client, request.account_number),
      requestRejected(request.account_number, request.kind, reason!),
    )
  return APPLIED
}

/** The request has left the state the console saw: who moved it last, and when. */
export async function alreadyMoved(client: pg.ClientBase, requestId: number, state: string) {
  const last = await client.query<{ staff_login: string | null; at: Date }>(
    `SELECT staff_login, at FROM portal_request_steps WHERE request_id = $1 ORDER BY id DESC LIMIT 1`,
    [requestId],
  )
  return refused('REQUEST_ALREADY_MOVED', {
    state,
    by: await staffName(client, last.rows[0]?.staff_login ?? null),
    at: last.rows[0]?.at.toISOString() ?? null,
  })
}

/**
 * The clerk's verdict on each required document, kept with the request (the whole list each time:
 * the last word stands). A finished request's checklist no longer changes.
 */
async function checkDocuments(
  client: pg.ClientBase,
  payload: CentralPayload<'requests.checklist'>,
  ctx: CentralCommandContext,
) {
  const locked = await lockRequest(client, payload.requestId, ctx)
  if ('refusal' in locked) return locked.refusal
  const { request } = locked
  const state = fromPortalState(request.state)
  if (isFinal(state)) return alreadyMoved(client, payload.requestId, state)
  const known = requiredDocuments(request.kind)
  const checks = payload.checks.filter((check) => known.includes(check.document))
  await client.query(`UPDATE portal_requests SET checklist = $2 WHERE id = $1`, [
    payload.requestId,
    JSON.stringify(checks),
  ])
  return APPLIED
}

export const requestsCommands: CentralHandlers<'requests.step' | 'requests.checklist'> = {
  'requests.step': stepRequest,
  'requests.checklist': checkDocuments,
}
