import type BetterSqlite3 from 'better-sqlite3'
import type { RegistrationItem } from '@shared/contract'
import { formatAddress } from '@shared/domain/address'
import { allPassed, checkRegistration } from '@shared/domain/registration-checks'
import { latinLookalikePositions } from '@shared/domain/surname-match'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { rowKey } from '@shared/central/row-keys'

export interface RegistrationRow {
  id: number
  accountNumber: string
  surname: string
  email: string
  submittedAt: string
  state: RegistrationItem['state']
  decidedBy: string | null
  decidedAt: string | null
}

type Owner = NonNullable<RegistrationItem['owner']>

const SELECT_REGISTRATION = `SELECT id, account_number AS accountNumber, surname, email, submitted_at AS submittedAt,
  state, decided_by AS decidedBy, decided_at AS decidedAt FROM web_registrations`

/**
 * Reads registrations with the facts their checks need, and runs the checks
 * (docs/business-rules.md#web-registrations) over the console's local copy. Statements are prepared once per
 * reader.
 */
export class RegistrationReader {
  private readonly s

  constructor(private readonly db: BetterSqlite3.Database) {
    this.s = {
      one: db.prepare(`${SELECT_REGISTRATION} WHERE id = ?`),
      pending: db.prepare(`${SELECT_REGISTRATION} WHERE state = 'pending' AND submitted_at <= ?
        ORDER BY submitted_at, id LIMIT 2000`),
      pendingCount: db.prepare(`SELECT count(*) FROM web_registrations WHERE state = 'pending'`).pluck(),
      owner:
        db.prepare(`SELECT a.id AS accountId, a.surname, a.first_name AS firstName, a.patronymic, a.street,
        a.house, a.building, a.apartment, a.status, a.email, c.state AS cabinetState
        FROM accounts a LEFT JOIN cabinets c ON c.account_id = a.id WHERE a.number = ?`),
      emailElsewhere: db
        .prepare(
          `SELECT 1 FROM cabinets WHERE email = ? COLLATE NOCASE AND state IN ('confirmed', 'active')
          AND account_id <> ? LIMIT 1`,
        )
        .pluck(),
    }
  }

  require(id: number): RegistrationRow {
    const row = this.s.one.get(id) as RegistrationRow | undefined
    if (!row) throw new AppError('NOT_FOUND', { what: 'webRegistration' })
    return row
  }

  pendingCount(): number {
    return this.s.pendingCount.get() as number
  }

  /** Pending ones, oldest first, submitted no later than `submittedBy`. */
  pending(submittedBy: string): RegistrationRow[] {
    return this.s.pending.all(submittedBy) as RegistrationRow[]
  }

  /** The row with its checks run, the owner's data beside it, and who else holds it. */
  item(row: RegistrationRow, me: string, now: Date): RegistrationItem {
    const found = this.s.owner.get(row.accountNumber) as
      | (Omit<Owner, 'address'> & {
          street: string
          house: string
          building: string | null
          apartment: string | null
        })
      | undefined
    const owner: Owner | null = found
      ? {
          accountId: found.accountId,
          surname: found.surname,
          firstName: found.firstName,
          patronymic: found.patronymic,
          address: formatAddress(found),
          status: found.status,
          email: found.email,
          cabinetState: found.cabinetState,
        }
      : null
    const checks = checkRegistration({
      surnameTyped: row.surname,
      account: owner ? { status: owner.status, ownerSurname: owner.surname } : null,
      cabinetState: owner?.cabinetState ?? null,
      emailUsedElsewhere: Boolean(this.s.emailElsewhere.get(row.email, owner?.accountId ?? -1)),
    })
    return {
      id: row.id,
      accountNumber: row.accountNumber,
      surname: row.surname,
      email: row.email,
      submittedAt: row.submittedAt,
      state: row.state,
      checks,
      allPassed: allPassed(checks),
      lookalikeAt: latinLookalikePositions(row.surname),
      owner,
      takenBy: claimHolder(this.db, registrationClaimKey(row.id), me, now),
    }
  }
}

export const registrationClaimKey = (id: number) => rowKey({ entity: 'webRegistration', id })

const readers = new WeakMap<BetterSqlite3.Database, RegistrationReader>()

/** The reader of a database, made once: a bulk confirmation runs one command per registration. */
export function registrationReader(db: BetterSqlite3.Database): RegistrationReader {
  let reader = readers.get(db)
  if (!reader) readers.set(db, (reader = new RegistrationReader(db)))
  return reader
}
