import type { Role } from '@shared/contract'
import { formatAddress, formatOwner } from '@shared/domain/address'
import { moscowDate } from '@shared/domain/moscow-time'
import { formatReadingValue } from '@shared/domain/reading-value'
import { runAndHearCentral } from '../../../commands/run-and-hear'
import { AppError } from '../../../errors'
import type { Session } from '../../auth/sessions'
import type { ModuleDeps } from '../../deps'
import type { DocumentCache } from '../document-cache'
import { requestDetailReader } from '../request-detail'
import { readRequestDocument } from '../request-documents'
import { readSettings } from '../../settings/console-settings'
import { saveDecision } from '../save-decision'
import { decisionText } from './decision-text'
import { renderDecisionPdf } from './render-pdf'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'

/** The position a decision's signer holds, as the letter prints it. */
const positionOf = (role: Role) =>
  role === 'supervisor' ? 'Старший смены абонентского отдела' : 'Специалист абонентского отдела'

/**
 * The decision on a completed or rejected request as a PDF
 * (docs/business-rules.md#closure-and-re-registration-requests). Printed once and kept with the request's
 * documents; printed again, the kept one is shown, so the subscriber and the file hold the same paper.
 */
export async function printDecision(
  deps: ModuleDeps,
  cache: DocumentCache,
  session: Session,
  requestId: number,
) {
  const db = deps.local.sql
  const now = deps.clock.now()
  const request = requestDetailReader(db).detail(requestId, session.staff.login, now)
  if (request.state !== 'completed' && request.state !== 'rejected') throw new AppError('REQUEST_NOT_DECIDED')
  const kept = [...request.documents].reverse().find((document) => document.source === 'decision')
  if (kept) {
    const document = await readRequestDocument(deps, cache, session, kept.id)
    return { documentId: kept.id, fileName: document.fileName, content: document.content.toString('base64') }
  }

  const decided = request.steps.at(-1)!
  const account = db
    .prepare(`SELECT street, house, building, apartment FROM accounts WHERE number = ?`)
    .get(request.accountNumber) as Parameters<typeof formatAddress>[0] | undefined
  const previousOwner = db
    .prepare(
      `SELECT surname, first_name AS firstName, patronymic FROM account_owners
      WHERE account_id = ? AND owned_until IS NOT NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(request.accountId ?? 0) as Parameters<typeof formatOwner>[0] | undefined
  // The owner the account was passed to, as saved: the central owners' history names the request;
  // before its answer arrives, the completion's own audit row holds the name the clerk checked (the
  // account itself keeps the previous owner until the date of effect).
  const savedNewOwner = (id: number) => {
    const after = db
      .prepare(
        `SELECT a.after_json FROM audit_log a JOIN audit_log r ON r.command_id = a.command_id
        WHERE r.command = 'requests.complete' AND r.entity = 'webRequest' AND r.entity_id = ?
          AND a.entity = 'account' ORDER BY a.id DESC LIMIT 1`,
      )
      .pluck()
      .get(String(id)) as string | undefined
    return after ? (JSON.parse(after) as Parameters<typeof formatOwner>[0]) : undefined
  }
  const newOwner =
    REQUEST_KIND_RULES[request.kind].newOwner && request.state === 'completed'
      ? ((db
          .prepare(
            `SELECT surname, first_name AS firstName, patronymic FROM account_owners
            WHERE request_id = ? ORDER BY id DESC LIMIT 1`,
          )
          .get(request.id) as Parameters<typeof formatOwner>[0] | undefined) ?? savedNewOwner(request.id))
      : undefined
  const decidedOn = moscowDate(new Date(decided.at))
  const text = decisionText({
    request,
    address: account ? formatAddress(account) : '—',
    ownerName: previousOwner ? formatOwner(previousOwner) : request.applicant,
    newOwnerName: newOwner ? formatOwner(newOwner) : null,
    decidedBy: decided.by ?? session.staff.fullName,
    decidedByPosition: positionOf(
      (db.prepare(`SELECT role FROM staff WHERE full_name = ?`).pluck().get(decided.by) as
        Role | undefined) ?? session.staff.role,
    ),
    decidedOn,
    reason: request.state === 'rejected' ? decided.reason : null,
    finalReadings: request.finalReadings.map((meter) => ({
      serial: meter.serial,
      place: meter.place,
      value: meter.valueMilli === null ? '—' : formatReadingValue(meter.valueMilli),
    })),
  })
  const pdf = await renderDecisionPdf(text, decidedOn, readSettings(db))
  const content = pdf.toString('base64')
  await runAndHearCentral(
    deps,
    saveDecision,
    { requestId, fileName: text.fileName, content },
    { staff: session.staff },
  )
  return { documentId: null, fileName: text.fileName, content }
}
