import { fromPortalState } from '@shared/domain/requests/portal-states'
import type { RequestKind } from '@shared/domain/requests/kinds'
import type BetterSqlite3 from 'better-sqlite3'
import type { AccountCard } from '@shared/contract'
import { formatAddress, formatOwner } from '@shared/domain/address'
import { consumptionMilli } from '@shared/domain/consumption'
import { moscowDate } from '@shared/domain/moscow-time'
import { resetOutcome, type ResetRefusalReason, type ResetState } from '@shared/domain/password-reset-words'
import { AppError } from '../../errors'
import { AuditLines, type AuditRow } from '../audit/audit-lines'
import { questionReader } from '../questions/question-reader'

/** Who made a row no staff member did: the subscriber on the website. */
const WEBSITE = 'сайт (абонент)'

const CARD_PERIODS = 24
const CARD_RESETS = 20
const CARD_HISTORY = 50

type AccountPart = Omit<AccountCard['account'], 'address'>

/** Everything the call-centre needs about one account, in a handful of indexed queries. */
export class AccountCardReader {
  private readonly statements

  private readonly audit: AuditLines

  constructor(private readonly db: BetterSqlite3.Database) {
    this.audit = new AuditLines(db)
    this.statements = {
      account:
        db.prepare(`SELECT id, number, eirc_number AS eircNumber, surname, first_name AS firstName, patronymic,
        district, street, house, building, apartment, phone, email, house_type AS houseType, status,
        opened_on AS openedOn, closed_on AS closedOn, version FROM accounts WHERE id = ?`),
      // A registration waiting for a clerk shows as "pending" while the account has no live cabinet.
      cabinet: db.prepare(`SELECT state, email FROM (
          SELECT state, email, 1 AS rank FROM cabinets WHERE account_id = @id AND state IN ('confirmed', 'active')
          UNION ALL SELECT 'pending', r.email, 2 FROM web_registrations r JOIN accounts a ON a.number = r.account_number
            WHERE a.id = @id AND r.state = 'pending'
          UNION ALL SELECT state, email, 3 FROM cabinets WHERE account_id = @id
          UNION ALL SELECT 'rejected', r.email, 4 FROM web_registrations r JOIN accounts a ON a.number = r.account_number
            WHERE a.id = @id AND r.state = 'rejected'
        ) ORDER BY rank LIMIT 1`),
      meters:
        db.prepare(`SELECT id, serial, place, installed_on AS installedOn, verification_due AS verificationDue,
        digits, status FROM meters WHERE account_id = ? ORDER BY status, id`),
      // One more period than shown, so the oldest shown one has its consumption too.
      readings: db.prepare(`SELECT period, value_milli AS valueMilli, source, late, received_at AS receivedAt
        FROM readings WHERE meter_id = ? ORDER BY period DESC LIMIT ${CARD_PERIODS + 1}`),
      // The owners re-registrations recorded centrally, and those the billing history brought.
      owners: db.prepare(`SELECT surname, first_name AS firstName, patronymic, owned_from AS ownedFrom,
          owned_until AS ownedTo FROM account_owners WHERE account_id = @id
        UNION ALL SELECT surname, first_name, patronymic, owned_from, owned_to FROM owner_history WHERE account_id = @id
        ORDER BY ownedFrom DESC`),
      charges:
        db.prepare(`SELECT period, sum(CASE service WHEN 'water' THEN amount_kopecks ELSE 0 END) AS water,
        sum(CASE service WHEN 'sewerage' THEN amount_kopecks ELSE 0 END) AS sewerage
        FROM charges WHERE account_id = ? GROUP BY period ORDER BY period DESC`),
      payments: db.prepare(`SELECT paid_on AS paidOn, amount_kopecks AS amountKopecks, channel FROM payments
        WHERE account_id = ? ORDER BY paid_on DESC`),
      requests: db.prepare(`SELECT id, kind, state, submitted_at AS filedAt FROM web_requests
        WHERE account_number = ? ORDER BY submitted_at DESC, id DESC LIMIT 50`),
      passwordResets: db.prepare(`SELECT id, submitted_at AS at, requested_by AS requestedBy, surname, state,
        refusal_reason AS refusalReason, expires_at AS expiresAt FROM web_password_resets
        WHERE account_number = ? ORDER BY id DESC LIMIT ${CARD_RESETS}`),
      // The premise: every other account at the same house (a private house) or the same flat, current
      // and closed, newest first; the address index finds the house.
      premise: db.prepare(`SELECT id, number, surname, first_name AS firstName, patronymic, status,
          opened_on AS openedOn, closed_on AS closedOn FROM accounts
        WHERE street = @street AND house_key = search_key(replace(@house, ' ', '')) AND id <> @id
          AND (@private OR (coalesce(building, '') = coalesce(@building, '')
            AND coalesce(apartment, '') = coalesce(@apartment, '')))
        ORDER BY opened_on DESC, id DESC LIMIT 30`),
      // Pinned first, then the last ones taken down: what the next operator should read before answering.
      notes: db.prepare(`SELECT id, body, written_by AS writtenBy, written_at AS writtenAt, pinned
        FROM account_notes WHERE account_id = ? ORDER BY pinned DESC, id DESC LIMIT 20`),
      history: db.prepare(`SELECT id, at, staff_login AS staffLogin, command, entity, entity_id AS entityId,
        before_json AS before, after_json AS after FROM audit_log WHERE entity = 'account' AND entity_id = ?
        ORDER BY id DESC LIMIT ${CARD_HISTORY}`),
    }
  }

  read(accountId: number, now: Date): AccountCard {
    const s = this.statements
    const account = s.account.get(accountId) as AccountPart | undefined
    if (!account) throw new AppError('NOT_FOUND', { what: 'account' })
    const today = moscowDate(now)
    const cabinet = s.cabinet.get({ id: accountId }) as
      { state: AccountCard['cabinet']['state']; email: string } | undefined
    const meters = (
      s.meters.all(accountId) as Omit<AccountCard['meters'][number], 'readings' | 'verificationOverdue'>[]
    ).map((meter) => ({
      ...meter,
      verificationOverdue: meter.status === 'active' && meter.verificationDue < today,
      readings: withConsumption(s.readings.all(meter.id) as RawReading[], meter.digits),
    }))
    const passwordResets = (s.passwordResets.all(account.number) as ResetRow[]).map((reset) => ({
      id: reset.id,
      at: reset.at,
      by: reset.requestedBy ? this.audit.name(reset.requestedBy) : null,
      surname: reset.surname,
      outcome: resetOutcome(reset, now),
      sent: reset.state === 'sent' || reset.state === 'used' || reset.state === 'expired',
    }))
    const owners = (s.owners.all({ id: accountId }) as OwnerRow[]).map((o) => ({
      owner: formatOwner(o),
      from: o.ownedFrom,
      to: o.ownedTo,
    }))
    return {
      account: { ...account, address: formatAddress(account) },
      cabinet: cabinet ?? { state: 'none', email: null },
      meters,
      owners,
      billing: account.houseType === 'private' ? this.billing(accountId) : null,
      requests: (s.requests.all(account.number) as RequestRow[]).map((request) => ({
        id: request.id,
        kind: request.kind,
        state: fromPortalState(request.state),
        filedAt: request.filedAt,
      })),
      // Anyone holding a question shows by name here: the card has no one of its own to leave out.
      questions: questionReader(this.db).ofAccount(account.number, '', now),
      passwordResets,
      premise: (
        s.premise.all({
          id: accountId,
          street: account.street,
          house: account.house,
          building: account.building,
          apartment: account.apartment,
          private: account.houseType === 'private' ? 1 : 0,
        }) as (Parameters<typeof formatOwner>[0] & {
          id: number
          number: string
          status: 'active' | 'closed'
          openedOn: string
          closedOn: string | null
        })[]
      ).map((other) => ({
        id: other.id,
        number: other.number,
        owner: formatOwner(other),
        status: other.status,
        openedOn: other.openedOn,
        closedOn: other.closedOn,
      })),
      notes: (
        s.notes.all(accountId) as {
          id: number
          body: string
          writtenBy: string
          writtenAt: string
          pinned: number
        }[]
      ).map((note) => ({ ...note, writtenBy: this.audit.name(note.writtenBy), pinned: note.pinned === 1 })),
      history: this.history(accountId, passwordResets),
    }
  }

  /** The audit's lines and the website's reset requests (staff's own are audit lines already), newest first. */
  private history(accountId: number, resets: AccountCard['passwordResets']): AccountCard['history'] {
    const audit = (this.statements.history.all(String(accountId)) as AuditRow[]).map((row) =>
      this.audit.line(row),
    )
    const website = resets
      .filter((reset) => reset.by === null)
      .map((reset) => ({
        // Negative: never an audit row's id, which the list keys by.
        id: -reset.id,
        at: reset.at,
        who: WEBSITE,
        action: 'запросил восстановление пароля',
        command: 'web.passwordReset',
        subject: reset.surname ? `фамилия «${reset.surname}»` : '',
        changes: [{ field: 'итог', before: '', after: reset.outcome }],
      }))
    return [...audit, ...website].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, CARD_HISTORY)
  }

  private billing(accountId: number): NonNullable<AccountCard['billing']> {
    const charges = (
      this.statements.charges.all(accountId) as { period: string; water: number; sewerage: number }[]
    ).map((c) => ({ period: c.period, waterKopecks: c.water, sewerageKopecks: c.sewerage }))
    const payments = this.statements.payments.all(accountId) as NonNullable<
      AccountCard['billing']
    >['payments']
    const charged = charges.reduce((sum, c) => sum + c.waterKopecks + c.sewerageKopecks, 0)
    const paid = payments.reduce((sum, p) => sum + p.amountKopecks, 0)
    return { charges, payments, balanceKopecks: paid - charged }
  }
}

interface ResetRow {
  id: number
  at: string
  requestedBy: string | null
  surname: string | null
  state: ResetState
  refusalReason: ResetRefusalReason | null
  expiresAt: string | null
}

interface RequestRow {
  id: number
  kind: RequestKind
  state: string
  filedAt: string
}

interface RawReading {
  period: string
  valueMilli: number
  source: AccountCard['meters'][number]['readings'][number]['source']
  late: number
  receivedAt: string
}

interface OwnerRow {
  surname: string
  firstName: string
  patronymic: string | null
  ownedFrom: string
  ownedTo: string | null
}

/** Newest first in, oldest first out, each with its consumption since the reading before. */
function withConsumption(
  newestFirst: RawReading[],
  digits: number,
): AccountCard['meters'][number]['readings'] {
  const oldestFirst = [...newestFirst].reverse()
  const shown = oldestFirst.map((reading, index) => ({
    period: reading.period,
    valueMilli: reading.valueMilli,
    consumptionMilli:
      index === 0 ? null : consumptionMilli(oldestFirst[index - 1]!.valueMilli, reading.valueMilli, digits),
    source: reading.source,
    late: reading.late === 1,
    receivedAt: reading.receivedAt,
  }))
  return shown.length > CARD_PERIODS ? shown.slice(-CARD_PERIODS) : shown
}
