import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Work made while the console worked alone (docs/central-service.md#work-made-before-enrolment): set
 * aside at enrolment, never pushed as anyone, until the approving supervisor accepts or discards each
 * item. An accepted one goes up under the supervisor's proof and says whose work it was
 * (`made_alone_json`). `session_proof` is the author's online session's mark on a staff-management
 * command, which the service requires besides the signature.
 */
export class MadeAlone1764000000025 implements MigrationInterface {
  name = 'MadeAlone1764000000025'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE made_alone (
      command_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      command TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      keys_json TEXT NOT NULL,
      made_by_login TEXT NOT NULL,
      made_by_name TEXT NOT NULL,
      made_at TEXT NOT NULL
    )`)
    await q.query(`ALTER TABLE outbox ADD COLUMN made_alone_json TEXT`)
    await q.query(`ALTER TABLE outbox ADD COLUMN session_proof TEXT`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN session_proof`)
    await q.query(`ALTER TABLE outbox DROP COLUMN made_alone_json`)
    await q.query(`DROP TABLE made_alone`)
  }
}
