import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The console's copy of a request's working side
 * (docs/business-rules.md#closure-and-re-registration-requests): where it came from, the clerk's checklist
 * (JSON, as the central `jsonb`), and its steps, from which the due date is derived by the shared rule.
 */
export class RequestSteps1764000000018 implements MigrationInterface {
  name = 'RequestSteps1764000000018'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE web_requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'`)
    await q.query(`ALTER TABLE web_requests ADD COLUMN checklist TEXT NOT NULL DEFAULT '[]'`)
    await q.query(`CREATE TABLE web_request_steps (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL,
      from_state TEXT,
      to_state TEXT NOT NULL,
      staff_login TEXT,
      at TEXT NOT NULL,
      reason TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_request_steps_request ON web_request_steps (request_id, id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_request_steps`)
    await q.query(`ALTER TABLE web_requests DROP COLUMN checklist`)
    await q.query(`ALTER TABLE web_requests DROP COLUMN channel`)
  }
}
