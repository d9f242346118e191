import pg from 'pg'
import { DataSource } from 'typeorm'
import { afterAll, beforeAll } from 'vitest'
import { migrateCentral } from '../../src-central/db/migrate'
import { centralMigrations } from '../../src-central/db/migrations'
import '../../src-central/db/connection'
import { SYNCED_TABLES } from '../../shared/central/table-catalogue'
import type { AccountRow, MeterRow } from '../../src-main/db/local/account-rows'
import {
  createScratchDatabase,
  startPostgresServer,
  type PostgresServer,
  type ScratchDatabase,
} from './postgres-server'

export interface CentralDatabase {
  url: string
  /** Queries as the test, beside the consoles: to arrange data and to check what landed. */
  pool: pg.Pool
  server: PostgresServer
}

/**
 * A migrated central database for one test file: on `CENTRAL_DATABASE_URL`'s server when set, else on
 * a private embedded server; created fresh before the file's tests, dropped after them.
 */
export function useCentralDatabase(
  options: { privateServer?: () => Promise<PostgresServer> } = {},
): CentralDatabase {
  const central = {} as CentralDatabase
  let scratch: ScratchDatabase
  beforeAll(async () => {
    central.server = await (options.privateServer ?? startPostgresServer)()
    scratch = await createScratchDatabase(central.server.url)
    central.url = scratch.url
    await migrateCentral(scratch.url)
    central.pool = new pg.Pool({ connectionString: scratch.url, max: 12, application_name: 'vodokanal-test' })
    central.pool.on('error', () => undefined)
    central.pool.on('connect', (client) => client.on('error', () => undefined))
  })
  afterAll(async () => {
    await central.pool?.end()
    await scratch?.drop()
    await central.server?.stop()
  })
  return central
}

/**
 * Empties every table between tests of one file (the feed too, so cursors start clean), enrolled
 * consoles included. The central audit trail is append-only and stays: its chain is still whole.
 */
export async function truncateCentral(pool: pg.Pool): Promise<void> {
  // The inbox's settings row and the reply templates are the supervisors': back to how a new database
  // has them (before the feed is emptied, so the change leaves no row behind).
  await pool.query(`UPDATE inbox_settings SET due_days = 30, round_robin = false, open_cap = 25`)
  // Every synced table (the catalogue's; the supervisors' two kept as set above) and the service's own.
  const synced = SYNCED_TABLES.map((table) => table.central).filter(
    (table) => table !== 'reply_templates' && table !== 'inbox_settings',
  )
  await pool.query(`TRUNCATE ${synced.join(', ')}, portal_passwords, question_rotation, change_log, outgoing_mail,
    applied_commands, staff_keys, staff_tokens, consoles, staff_lockouts, staff_history`)
}

export async function insertCentralAccounts(pool: pg.Pool, accounts: AccountRow[]): Promise<void> {
  for (const a of accounts)
    await pool.query(
      `INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district, street, house,
      building, apartment, phone, email, house_type, status, opened_on, closed_on)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        a.id,
        a.number,
        a.eircNumber,
        a.surname,
        a.firstName,
        a.patronymic,
        a.district,
        a.street,
        a.house,
        a.building,
        a.apartment,
        a.phone,
        a.email,
        a.houseType,
        a.status,
        a.openedOn,
        a.closedOn,
      ],
    )
}

export async function insertCentralMeters(pool: pg.Pool, meters: MeterRow[]): Promise<void> {
  for (const m of meters)
    await pool.query(
      `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status, removed_on)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        m.id,
        m.accountId,
        m.serial,
        m.place,
        m.installedOn,
        m.verificationDue,
        m.digits,
        m.status,
        m.removedOn,
      ],
    )
}

/**
 * Accounts 1…count, each with one meter of the same id and no readings yet: many consoles' forms
 * for many meters, where who the subscribers are does not matter.
 */
export async function insertCentralAccountsWithOneMeter(pool: pg.Pool, count: number): Promise<void> {
  await pool.query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street, house,
    apartment, house_type, status, opened_on)
    SELECT n, (40000000 + n)::text, (920100000000 + n)::text, 'Иванов', 'Иван', 'Ленинский', 'ул. Ленина', '1',
      n::text, 'mkd', 'active', '2015-01-01' FROM generate_series(1, ${count}) AS n`)
  await pool.query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
    SELECT n, n, 'СВ-' || n, 'кухня', '2020-01-01', '2030-01-01', 5, 'active' FROM generate_series(1, ${count}) AS n`)
}

/** Accepted web readings of one meter, by period, in cubic metres. */
export async function insertCentralReadings(
  pool: pg.Pool,
  meterId: number,
  byPeriod: Record<string, number>,
) {
  for (const [period, cubicMetres] of Object.entries(byPeriod))
    await pool.query(
      `INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES ($1, $2, $3, $4, 'web')`,
      [meterId, period, Math.round(cubicMetres * 1000), `${period}-01T09:00:00Z`],
    )
}

/** What the website writes when a subscriber registers (docs/portal-contract.md); returns the id. */
export async function registerOnWebsite(
  pool: pg.Pool,
  registration: { accountNumber: string; surname: string; email: string; submittedAt?: string },
): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO portal_registrations (account_number, surname, email, password_hash, submitted_at)
    VALUES ($1, $2, $3, 'argon2id$website-hash', coalesce($4::timestamptz, now())) RETURNING id`,
    [registration.accountNumber, registration.surname, registration.email, registration.submittedAt ?? null],
  )
  return Number(rows[0]!.id)
}

/** A central database as it was before `migration`: for tests of what that migration does to data. */
export async function migrateCentralUpTo(
  url: string,
  migration: (typeof centralMigrations)[number],
): Promise<void> {
  const source = new DataSource({
    type: 'postgres',
    url,
    migrations: centralMigrations.slice(0, centralMigrations.indexOf(migration)),
    migrationsTransactionMode: 'each',
  })
  await source.initialize()
  await source.runMigrations({ transaction: 'each' })
  await source.destroy()
}
