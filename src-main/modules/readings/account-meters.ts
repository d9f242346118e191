import type BetterSqlite3 from 'better-sqlite3'
import { formatAddress, formatOwner } from '@shared/domain/address'
import { AppError } from '../../errors'

export interface FormAccount {
  id: number
  number: string
  owner: string
  address: string
  status: 'active' | 'closed'
  houseType: 'mkd' | 'private'
}

export interface FormMeter {
  id: number
  serial: string
  place: string
  digits: number
  status: 'active' | 'removed'
  verificationDue: string
}

/** The account a form names by its Vodokanal number, and its meters. */
export function findFormAccount(
  db: BetterSqlite3.Database,
  accountNumber: string,
): { account: FormAccount; meters: FormMeter[] } {
  const row = db
    .prepare(
      `SELECT id, number, surname, first_name AS firstName, patronymic, street, house, building, apartment,
      status, house_type AS houseType FROM accounts WHERE number = ?`,
    )
    .get(accountNumber) as
    | (Omit<FormAccount, 'owner' | 'address'> & {
        surname: string
        firstName: string
        patronymic: string | null
        street: string
        house: string
        building: string | null
        apartment: string | null
      })
    | undefined
  if (!row) throw new AppError('UNKNOWN_ACCOUNT', { number: accountNumber })
  const meters = db
    .prepare(
      `SELECT id, serial, place, digits, status, verification_due AS verificationDue FROM meters
      WHERE account_id = ? ORDER BY status, id`,
    )
    .all(row.id) as FormMeter[]
  return {
    account: {
      id: row.id,
      number: row.number,
      owner: formatOwner(row),
      address: formatAddress(row),
      status: row.status,
      houseType: row.houseType,
    },
    meters,
  }
}
