import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Subscriber accounts and everything hanging off them (docs/business-rules.md#accounts). Reading values are
 * stored as exact thousandths of a cubic metre so that sums and roll-overs never drift the way floating point
 * does.
 */
export class AccountsMetersReadings1764000000002 implements MigrationInterface {
  name = 'AccountsMetersReadings1764000000002'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE accounts (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      eirc_number TEXT NOT NULL UNIQUE,
      surname TEXT NOT NULL,
      first_name TEXT NOT NULL,
      patronymic TEXT,
      district TEXT NOT NULL,
      street TEXT NOT NULL,
      house TEXT NOT NULL,
      building TEXT,
      apartment TEXT,
      phone TEXT,
      email TEXT,
      house_type TEXT NOT NULL CHECK (house_type IN ('mkd', 'private')),
      status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
      opened_on TEXT NOT NULL,
      closed_on TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL
    )`)
    await q.query(`CREATE TABLE owner_history (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      surname TEXT NOT NULL,
      first_name TEXT NOT NULL,
      patronymic TEXT,
      owned_from TEXT NOT NULL,
      owned_to TEXT
    )`)
    await q.query(`CREATE INDEX owner_history_account ON owner_history (account_id, owned_from)`)
    await q.query(`CREATE TABLE meters (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      serial TEXT NOT NULL,
      place TEXT NOT NULL,
      installed_on TEXT NOT NULL,
      verification_due TEXT NOT NULL,
      digits INTEGER NOT NULL CHECK (digits BETWEEN 4 AND 9),
      status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
      removed_on TEXT
    )`)
    await q.query(`CREATE INDEX meters_account ON meters (account_id)`)
    await q.query(`CREATE TABLE readings (
      id INTEGER PRIMARY KEY,
      meter_id INTEGER NOT NULL REFERENCES meters (id),
      period TEXT NOT NULL,
      value_milli INTEGER NOT NULL CHECK (value_milli >= 0),
      received_at TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('web', 'phone', 'paper', 'inspector')),
      late INTEGER NOT NULL DEFAULT 0,
      flags TEXT,
      entered_by INTEGER REFERENCES staff (id),
      UNIQUE (meter_id, period)
    )`)
    await q.query(`CREATE TABLE charges (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      period TEXT NOT NULL,
      service TEXT NOT NULL CHECK (service IN ('water', 'sewerage')),
      amount_kopecks INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX charges_account ON charges (account_id, period)`)
    await q.query(`CREATE TABLE payments (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      paid_on TEXT NOT NULL,
      amount_kopecks INTEGER NOT NULL,
      channel TEXT NOT NULL
    )`)
    await q.query(`CREATE INDEX payments_account ON payments (account_id, paid_on)`)
    await q.query(`CREATE TABLE cabinets (
      account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
      email TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'active', 'rejected', 'revoked')),
      updated_at TEXT NOT NULL
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'cabinets',
      'payments',
      'charges',
      'readings',
      'meters',
      'owner_history',
      'accounts',
    ])
      await q.query(`DROP TABLE ${table}`)
  }
}
