import type { MigrationInterface, QueryRunner } from 'typeorm'

/** The console's copy of the notes on accounts (docs/business-rules.md#contacts-and-notes). */
export class AccountNotes1764000000032 implements MigrationInterface {
  name = 'AccountNotes1764000000032'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account_notes (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL,
      body TEXT NOT NULL,
      written_by TEXT NOT NULL,
      written_at TEXT NOT NULL,
      pinned INTEGER NOT NULL,
      unpinned_by TEXT,
      unpinned_at TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX account_notes_account ON account_notes (account_id, id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_notes`)
  }
}
