import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Closure and re-registration requests and subscribers' questions
 * (docs/business-rules.md#subscribers-questions). Their workflows come with their own capabilities; the
 * account card lists them from here already.
 */
export class RequestsAndFeedback1764000000004 implements MigrationInterface {
  name = 'RequestsAndFeedback1764000000004'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_requests (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      kind TEXT NOT NULL CHECK (kind IN ('closure', 'reregistration')),
      state TEXT NOT NULL CHECK (state IN ('new', 'in_review', 'awaiting_documents', 'approved', 'rejected', 'completed')),
      channel TEXT NOT NULL CHECK (channel IN ('web', 'office')),
      filed_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`)
    await q.query(`CREATE INDEX service_requests_account ON service_requests (account_id, filed_at)`)
    await q.query(`CREATE TABLE feedback (
      id INTEGER PRIMARY KEY,
      account_id INTEGER REFERENCES accounts (id),
      surname TEXT NOT NULL,
      first_name TEXT NOT NULL,
      patronymic TEXT,
      email TEXT,
      phone TEXT,
      subject TEXT NOT NULL,
      message TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('web', 'phone')),
      state TEXT NOT NULL CHECK (state IN ('new', 'in_progress', 'answered', 'closed')),
      received_at TEXT NOT NULL,
      due_on TEXT NOT NULL,
      answered_at TEXT
    )`)
    await q.query(`CREATE INDEX feedback_account ON feedback (account_id, received_at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feedback`)
    await q.query(`DROP TABLE service_requests`)
  }
}
