import type BetterSqlite3 from 'better-sqlite3'
import type { AccountRow, MeterRow } from '../../src-main/db/local/account-rows'

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

let nextMeter = 1

/** An active kitchen meter, five digits, verified until 2030; override what the test is about. */
export function aMeter(overrides: Partial<MeterRow> & Pick<MeterRow, 'accountId'>): MeterRow {
  const id = overrides.id ?? nextMeter++
  return {
    id,
    serial: `СВ-${id}`,
    place: 'кухня',
    installedOn: '2020-01-01',
    verificationDue: '2030-01-01',
    digits: 5,
    status: 'active',
    removedOn: null,
    ...overrides,
  }
}

export function insertMeters(db: BetterSqlite3.Database, meters: MeterRow[]): void {
  const insert =
    db.prepare(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due,
    digits, status, removed_on) VALUES (@id, @accountId, @serial, @place, @installedOn, @verificationDue, @digits,
    @status, @removedOn)`)
  db.transaction(() => meters.forEach((meter) => insert.run(meter)))()
}

/** Accepted readings of one meter, one per period, in cubic metres: `{ '2026-10': 100 }`. */
export function insertReadings(
  db: BetterSqlite3.Database,
  meterId: number,
  byPeriod: Record<string, number>,
  source: 'web' | 'paper' | 'phone' | 'inspector' = 'web',
): void {
  const insert = db.prepare(`INSERT INTO readings (meter_id, period, value_milli, received_at, source)
    VALUES (?, ?, ?, ?, ?)`)
  db.transaction(() => {
    for (const [period, cubicMetres] of Object.entries(byPeriod))
      insert.run(meterId, period, Math.round(cubicMetres * 1000), `${period}-01T09:00:00Z`, source)
  })()
}
