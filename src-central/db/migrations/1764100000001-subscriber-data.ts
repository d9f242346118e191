import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What consoles and the website share about subscribers: accounts, meters, readings, cabinets and the
 * staff who act on them. `version` grows by one on every update of a row (trigger in the change-feed
 * migration): consoles order two images of one row by it, never by a clock.
 */
export class SubscriberData1764100000001 implements MigrationInterface {
  name = 'SubscriberData1764100000001'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff (
      login text PRIMARY KEY,
      full_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('operator', 'clerk', 'supervisor')),
      password_hash text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`)
    await q.query(`CREATE TABLE accounts (
      id bigint PRIMARY KEY,
      number text NOT NULL UNIQUE,
      eirc_number text NOT NULL UNIQUE,
      surname text NOT NULL,
      first_name text NOT NULL,
      patronymic text,
      district text NOT NULL,
      street text NOT NULL,
      house text NOT NULL,
      building text,
      apartment text,
      phone text,
      email text,
      house_type text NOT NULL CHECK (house_type IN ('mkd', 'private')),
      status text NOT NULL CHECK (status IN ('active', 'closed')),
      opened_on date NOT NULL,
      closed_on date,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`)
    await q.query(`CREATE TABLE meters (
      id bigint PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      serial text NOT NULL,
      place text NOT NULL,
      installed_on date NOT NULL,
      verification_due date NOT NULL,
      digits integer NOT NULL CHECK (digits BETWEEN 4 AND 8),
      status text NOT NULL CHECK (status IN ('active', 'removed')),
      removed_on date,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE INDEX meters_account ON meters (account_id)`)
    await q.query(`CREATE TABLE readings (
      meter_id bigint NOT NULL REFERENCES meters (id),
      period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      value_milli bigint NOT NULL CHECK (value_milli >= 0),
      received_at timestamptz NOT NULL,
      source text NOT NULL CHECK (source IN ('web', 'phone', 'paper', 'inspector')),
      late boolean NOT NULL DEFAULT false,
      flags jsonb,
      entered_by text REFERENCES staff (login),
      overridden_by text REFERENCES staff (login),
      override_reason text,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (meter_id, period)
    )`)
    await q.query(`CREATE INDEX readings_period ON readings (period)`)
    await q.query(`CREATE TABLE cabinets (
      account_id bigint PRIMARY KEY REFERENCES accounts (id),
      email text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'confirmed', 'active', 'rejected', 'revoked')),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['cabinets', 'readings', 'meters', 'accounts', 'staff'])
      await q.query(`DROP TABLE ${table}`)
  }
}
