import type BetterSqlite3 from 'better-sqlite3'
import type { AccountRow } from '../../src-main/db/local/entities'

let next = 1

/** An account as the seed or sync would write it; override only what a test is about. */
export function anAccount(overrides: Partial<AccountRow> = {}): AccountRow {
  const n = overrides.id ?? next++
  return {
    id: n,
    number: String(40_000_000 + n),
    eircNumber: `9201${String(n).padStart(8, '0')}`,
    surname: 'Иванов',
    firstName: 'Иван',
    patronymic: 'Иванович',
    district: 'Ленинский',
    street: 'ул. Ленина',
    house: '1',
    building: null,
    apartment: String(n),
    phone: null,
    email: null,
    houseType: 'mkd',
    status: 'active',
    openedOn: '2015-01-01',
    closedOn: null,
    version: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  }
}

export function insertAccounts(db: BetterSqlite3.Database, accounts: AccountRow[]): void {
  const insert =
    db.prepare(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district,
    street, house, building, apartment, phone, email, house_type, status, opened_on, closed_on, version, updated_at)
    VALUES (@id, @number, @eircNumber, @surname, @firstName, @patronymic, @district, @street, @house, @building,
    @apartment, @phone, @email, @houseType, @status, @openedOn, @closedOn, @version, @updatedAt)`)
  db.transaction(() => accounts.forEach((account) => insert.run(account)))()
}
