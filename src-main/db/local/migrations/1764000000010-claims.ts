import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The local copy of the central claims (who is working on which registration, request or question),
 * and the activation state of web registrations, which the account card shows.
 */
export class Claims1764000000010 implements MigrationInterface {
  name = 'Claims1764000000010'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE claims (
      entity_key TEXT PRIMARY KEY,
      staff_login TEXT NOT NULL,
      full_name TEXT NOT NULL,
      claimed_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_registrations_account ON web_registrations (account_number)`)
    await q.query(`CREATE INDEX cabinets_email ON cabinets (email COLLATE NOCASE)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cabinets_email`)
    await q.query(`DROP INDEX web_registrations_account`)
    await q.query(`DROP TABLE claims`)
  }
}
