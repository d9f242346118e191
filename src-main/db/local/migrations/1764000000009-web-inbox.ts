import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The rest of what subscribers send through the website, mirrored from the central `portal_*` tables
 * (docs/portal-contract.md): registrations for the clerks' confirmation queue, questions and online
 * closure or re-registration requests. Attachments stay in the central database and are fetched when
 * a request is opened; their bytes are no business of every console's disk.
 */
export class WebInbox1764000000009 implements MigrationInterface {
  name = 'WebInbox1764000000009'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_registrations (
      id INTEGER PRIMARY KEY,
      account_number TEXT NOT NULL,
      surname TEXT NOT NULL,
      email TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      state TEXT NOT NULL,
      decided_by TEXT,
      decided_at TEXT,
      reject_reason TEXT,
      activated_at TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_registrations_state ON web_registrations (state, submitted_at)`)
    await q.query(`CREATE TABLE web_feedback (
      id INTEGER PRIMARY KEY,
      surname TEXT NOT NULL,
      first_name TEXT NOT NULL,
      patronymic TEXT,
      email TEXT,
      phone TEXT,
      account_number TEXT,
      subject TEXT NOT NULL,
      message TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      state TEXT NOT NULL,
      answer TEXT,
      answered_by TEXT,
      answered_at TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE TABLE web_requests (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      account_number TEXT NOT NULL,
      applicant_surname TEXT NOT NULL,
      applicant_first_name TEXT NOT NULL,
      applicant_patronymic TEXT,
      email TEXT,
      phone TEXT,
      new_owner_surname TEXT,
      new_owner_first_name TEXT,
      new_owner_patronymic TEXT,
      effective_on TEXT,
      comment TEXT,
      submitted_at TEXT NOT NULL,
      state TEXT NOT NULL,
      version INTEGER NOT NULL
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['web_requests', 'web_feedback', 'web_registrations'])
      await q.query(`DROP TABLE ${table}`)
  }
}
