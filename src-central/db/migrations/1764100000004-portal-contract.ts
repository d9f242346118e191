import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * What the website writes and reads (docs/portal-contract.md, version 1). The website inserts rows in
 * `portal_*` tables with plain SQL; consoles process them and write their decisions back into the
 * same rows, which the website reads. Columns the website fills are NOT NULL or have defaults, so
 * a half-filled row is refused by the database itself.
 */
export class PortalContract1764100000004 implements MigrationInterface {
  name = 'PortalContract1764100000004'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE portal_readings (
      id bigserial PRIMARY KEY,
      account_number text NOT NULL CHECK (account_number ~ '^[0-9]{4,20}$'),
      meter_serial text NOT NULL CHECK (length(meter_serial) BETWEEN 1 AND 40),
      value_text text NOT NULL CHECK (length(value_text) BETWEEN 1 AND 20),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'accepted', 'review', 'rejected')),
      findings jsonb,
      period char(7),
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(
      `CREATE INDEX portal_readings_open ON portal_readings (submitted_at) WHERE state IN ('new', 'review')`,
    )
    await q.query(`CREATE TABLE portal_registrations (
      id bigserial PRIMARY KEY,
      account_number text NOT NULL CHECK (length(account_number) BETWEEN 1 AND 20),
      surname text NOT NULL CHECK (length(surname) BETWEEN 1 AND 100),
      email text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      password_hash text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'rejected', 'activated')),
      decided_by text,
      decided_at timestamptz,
      reject_reason text,
      activation_token text UNIQUE,
      activated_at timestamptz,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(
      `CREATE INDEX portal_registrations_pending ON portal_registrations (submitted_at) WHERE state = 'pending'`,
    )
    await q.query(`CREATE TABLE portal_feedback (
      id bigserial PRIMARY KEY,
      surname text NOT NULL,
      first_name text NOT NULL,
      patronymic text,
      email text,
      phone text,
      account_number text,
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
      message text NOT NULL CHECK (length(message) BETWEEN 1 AND 10000),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'taken', 'answered', 'closed')),
      answer text,
      answered_by text,
      answered_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CHECK (email IS NOT NULL OR phone IS NOT NULL)
    )`)
    await q.query(`CREATE TABLE portal_requests (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('closure', 'reRegistration')),
      account_number text NOT NULL,
      applicant_surname text NOT NULL,
      applicant_first_name text NOT NULL,
      applicant_patronymic text,
      email text,
      phone text,
      new_owner_surname text,
      new_owner_first_name text,
      new_owner_patronymic text,
      effective_on date,
      comment text,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'new'
        CHECK (state IN ('new', 'inReview', 'awaitingDocuments', 'approved', 'rejected', 'completed')),
      version integer NOT NULL DEFAULT 1,
      CHECK (kind = 'closure' OR (new_owner_surname IS NOT NULL AND effective_on IS NOT NULL))
    )`)
    await q.query(`CREATE TABLE portal_request_attachments (
      id bigserial PRIMARY KEY,
      request_id bigint NOT NULL REFERENCES portal_requests (id),
      file_name text NOT NULL,
      media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 20971520),
      content bytea NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`)
    for (const table of ['portal_readings', 'portal_registrations', 'portal_feedback', 'portal_requests'])
      for (const statement of feedTriggers(table)) await q.query(statement)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'portal_request_attachments',
      'portal_requests',
      'portal_feedback',
      'portal_registrations',
      'portal_readings',
    ])
      await q.query(`DROP TABLE ${table}`)
  }
}
