import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The central service's password-reset requests, as the card shows them
 * (docs/business-rules.md#password-reset): who asked, when, and what became of it. The link's token
 * never leaves the service.
 */
export class PasswordResets1764000000028 implements MigrationInterface {
  name = 'PasswordResets1764000000028'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_password_resets (
      id INTEGER PRIMARY KEY,
      account_number TEXT NOT NULL,
      surname TEXT,
      requested_by TEXT,
      submitted_at TEXT NOT NULL,
      state TEXT NOT NULL,
      refusal_reason TEXT,
      expires_at TEXT,
      used_at TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_password_resets_account ON web_password_resets (account_number, id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_password_resets`)
  }
}
