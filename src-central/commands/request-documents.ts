import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { MAX_SCAN_BYTES, sniffScanType } from '@shared/domain/requests/scan-files'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'
import { readDetails } from '@shared/domain/requests/kinds/request-kind'

/**
 * A document's bytes as they arrived, checked as the website's are
 * (docs/business-rules.md#closure-and-re-registration-requests: PDF, JPEG or PNG, up to 20 MiB): the type
 * from the file's first bytes, never from its name.
 */
function readScan(document: { fileName: string; content: string }) {
  const bytes = Buffer.from(document.content, 'base64')
  const mediaType = sniffScanType(bytes.subarray(0, 8))
  if (bytes.length === 0 || bytes.length > MAX_SCAN_BYTES)
    return { refusal: refused('SCAN_TOO_LARGE', { file: document.fileName }) }
  if (!mediaType) return { refusal: refused('SCAN_WRONG_TYPE', { file: document.fileName }) }
  return { bytes, mediaType }
}

async function insertDocument(
  client: pg.ClientBase,
  requestId: number,
  file: { fileName: string; mediaType: string; bytes: Buffer },
  source: 'office' | 'decision',
  ctx: CentralCommandContext,
) {
  await client.query(
    `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content, source, added_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [requestId, file.fileName, file.mediaType, file.bytes.length, file.bytes, source, ctx.staffLogin],
  )
}

/**
 * A paper application taken at the counter: the request as the website would have filed it, marked
 * as the office's, with the clerk's scans; its arrival step names the clerk. Sent twice, it is one
 * request (the command's id is recorded with its outcome).
 */
async function registerRequest(
  client: pg.ClientBase,
  payload: CentralPayload<'requests.register'>,
  ctx: CentralCommandContext,
) {
  const scans = []
  for (const document of payload.documents) {
    const scan = readScan(document)
    if (scan.refusal) return scan.refusal
    scans.push({ fileName: document.fileName, mediaType: scan.mediaType, bytes: scan.bytes })
  }
  const account = await client.query(`SELECT 1 FROM accounts WHERE number = $1`, [payload.accountNumber])
  if (!account.rowCount) return refused('UNKNOWN_ACCOUNT', { number: payload.accountNumber })
  const rules = REQUEST_KIND_RULES[payload.kind]
  const needsOwner = rules.newOwner
  if (needsOwner && (!payload.newOwner || !payload.effectiveOn)) return refused('NEW_OWNER_REQUIRED')
  let details: Record<string, unknown> | null = null
  if (rules.details) {
    const read = readDetails(payload.kind, rules.details, payload.details)
    if ('refusal' in read) return refused(read.refusal.code, { fields: read.refusal.fields })
    details = read.details
  }
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name,
      applicant_patronymic, email, phone, new_owner_surname, new_owner_first_name, new_owner_patronymic,
      effective_on, comment, details, channel)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'office') RETURNING id`,
    [
      payload.kind,
      payload.accountNumber,
      payload.applicant.surname,
      payload.applicant.firstName,
      payload.applicant.patronymic,
      payload.email,
      payload.phone,
      needsOwner ? payload.newOwner!.surname : null,
      needsOwner ? payload.newOwner!.firstName : null,
      needsOwner ? payload.newOwner!.patronymic : null,
      needsOwner ? payload.effectiveOn : null,
      payload.comment,
      details === null ? null : JSON.stringify(details),
    ],
  )
  const requestId = Number(inserted.rows[0]!.id)
  await client.query(
    `UPDATE portal_request_steps SET staff_login = $2 WHERE request_id = $1 AND from_state IS NULL`,
    [requestId, ctx.staffLogin],
  )
  for (const scan of scans) await insertDocument(client, requestId, scan, 'office', ctx)
  return APPLIED
}

/** The printed decision, kept with the request's documents so every console and the website see it. */
async function saveDecision(
  client: pg.ClientBase,
  payload: CentralPayload<'requests.saveDecision'>,
  ctx: CentralCommandContext,
) {
  const scan = readScan(payload)
  if (scan.refusal) return scan.refusal
  if (scan.mediaType !== 'application/pdf') return refused('SCAN_WRONG_TYPE', { file: payload.fileName })
  const request = await client.query(`SELECT 1 FROM portal_requests WHERE id = $1`, [payload.requestId])
  if (!request.rowCount) return refused('NOT_FOUND', { what: 'request' })
  await insertDocument(
    client,
    payload.requestId,
    { fileName: payload.fileName, mediaType: scan.mediaType, bytes: scan.bytes },
    'decision',
    ctx,
  )
  return APPLIED
}

/** One document's bytes, for a console whose clerk opened it. */
export async function readDocument(pool: pg.Pool, documentId: number) {
  const { rows } = await pool.query<{ file_name: string; media_type: string; content: Buffer }>(
    `SELECT file_name, media_type, content FROM portal_request_attachments WHERE id = $1`,
    [documentId],
  )
  return rows[0] ?? null
}

export const requestDocumentsCommands: CentralHandlers<'requests.register' | 'requests.saveDecision'> = {
  'requests.register': registerRequest,
  'requests.saveDecision': saveDecision,
}
