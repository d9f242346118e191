import type BetterSqlite3 from 'better-sqlite3'
import type { RequestDetail, RequestDocument } from '@shared/contract'
import { isFinalReading } from '@shared/domain/requests/final-readings'
import { moscowDate } from '@shared/domain/moscow-time'
import { requestReader } from './request-queue'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'

type FinalReading = RequestDetail['finalReadings'][number]

interface DetailRow {
  email: string | null
  phone: string | null
  comment: string | null
  newOwnerSurname: string | null
  newOwnerFirstName: string | null
  newOwnerPatronymic: string | null
  effectiveOn: string | null
  completedOn: string | null
  checklist: string
  details: string | null
}

/**
 * A request as the request view shows it (docs/business-rules.md#closure-and-re-registration-requests): the
 * queue's line, the applicant's contacts and the new owner, the documents' list, the clerk's checklist, and
 * for a closure each active meter's final reading (shared/domain/requests/final-readings) and a private
 * house's balance (docs/business-rules.md#closure-and-re-registration-requests: shown, never blocking).
 */
class RequestDetailReader {
  private readonly s

  constructor(private readonly db: BetterSqlite3.Database) {
    this.s = {
      detail: db.prepare(`SELECT email, phone, comment, new_owner_surname AS newOwnerSurname,
        new_owner_first_name AS newOwnerFirstName, new_owner_patronymic AS newOwnerPatronymic,
        effective_on AS effectiveOn, completed_on AS completedOn, checklist, details FROM web_requests WHERE id = ?`),
      account: db.prepare(`SELECT id, house_type AS houseType FROM accounts WHERE number = ?`),
      documents:
        db.prepare(`SELECT id, file_name AS fileName, media_type AS mediaType, size_bytes AS sizeBytes,
        uploaded_at AS uploadedAt, source, added_by AS addedBy FROM web_request_documents
        WHERE request_id = ? ORDER BY id`),
      // Each meter with its latest reading; whether that one is final is the shared rule's to say.
      meters: db.prepare(`SELECT m.id AS meterId, m.serial, m.place,
          r.value_milli AS valueMilli, r.received_at AS receivedAt
        FROM meters m LEFT JOIN readings r ON r.id = (
          SELECT x.id FROM readings x WHERE x.meter_id = m.id
            AND (@completedAt IS NULL OR julianday(x.received_at) <= julianday(@completedAt))
          ORDER BY julianday(x.received_at) DESC, x.period DESC LIMIT 1)
        WHERE m.account_id = @accountId AND (m.status = 'active' OR m.removed_on = @closedOn)
        ORDER BY m.place, m.serial`),
      balance: db
        .prepare(
          `SELECT coalesce((SELECT sum(amount_kopecks) FROM payments WHERE account_id = @id), 0)
        - coalesce((SELECT sum(amount_kopecks) FROM charges WHERE account_id = @id), 0)`,
        )
        .pluck(),
      staffName: db.prepare(`SELECT full_name FROM staff WHERE login = ?`).pluck(),
    }
  }

  detail(requestId: number, me: string, now: Date): RequestDetail {
    const queue = requestReader(this.db)
    const row = queue.require(requestId)
    const item = queue.item(row, me, now)
    const more = this.s.detail.get(requestId) as DetailRow
    const account = this.s.account.get(row.accountNumber) as
      { id: number; houseType: 'mkd' | 'private' } | undefined
    // A completed request's readings are those it was completed with, whatever came in since (to the
    // end of its Moscow day: a form typed that day counts as received at noon).
    const completedStep = item.state === 'completed' ? item.steps.at(-1) : undefined
    const completedAt = completedStep ? `${moscowDate(new Date(completedStep.at))}T23:59:59.999+03:00` : null
    const details = more.details ? (JSON.parse(more.details) as Record<string, unknown>) : null
    const meterScope = REQUEST_KIND_RULES[item.kind].finalReadings(details)
    const documents = (this.s.documents.all(requestId) as RequestDocument[]).map((document) => ({
      ...document,
      addedBy: document.addedBy
        ? ((this.s.staffName.get(document.addedBy) as string | undefined) ?? document.addedBy)
        : null,
    }))
    return {
      ...item,
      accountId: account?.id ?? null,
      email: more.email,
      phone: more.phone,
      comment: more.comment,
      newOwner: more.newOwnerSurname
        ? {
            surname: more.newOwnerSurname,
            firstName: more.newOwnerFirstName ?? '',
            patronymic: more.newOwnerPatronymic,
          }
        : null,
      effectiveOn: more.effectiveOn,
      completedOn: more.completedOn,
      details,
      documents,
      checklist: JSON.parse(more.checklist) as RequestDetail['checklist'],
      finalReadings:
        account && meterScope !== 'none'
          ? (
              this.s.meters.all({
                accountId: account.id,
                closedOn: more.completedOn,
                completedAt,
              }) as FinalReading[]
            )
              .filter((meter) => meterScope === 'allActive' || meterScope.includes(meter.serial))
              .map((meter) =>
                meter.receivedAt && isFinalReading(meter.receivedAt, row.submittedAt)
                  ? meter
                  : { ...meter, valueMilli: null, receivedAt: null },
              )
          : [],
      balanceKopecks:
        account?.houseType === 'private' ? Number(this.s.balance.get({ id: account.id })) : null,
    }
  }
}

const readers = new WeakMap<BetterSqlite3.Database, RequestDetailReader>()

export function requestDetailReader(db: BetterSqlite3.Database): RequestDetailReader {
  let reader = readers.get(db)
  if (!reader) readers.set(db, (reader = new RequestDetailReader(db)))
  return reader
}
