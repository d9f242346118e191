import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * Password-reset requests reach the consoles (docs/business-rules.md#password-reset), so an operator
 * sees on the card what the subscriber asked on the website and what became of it. The feed carries
 * every column but the token's hash. Requests of the last 13 months are touched once so that consoles
 * already running receive them through the feed too.
 */
export class PasswordResetsOnConsoles1764100000032 implements MigrationInterface {
  name = 'PasswordResetsOnConsoles1764100000032'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_password_resets ADD COLUMN version integer NOT NULL DEFAULT 1`)
    for (const statement of feedTriggers('portal_password_resets')) await q.query(statement)
    await q.query(
      `CREATE INDEX portal_password_resets_account ON portal_password_resets (account_number, id)`,
    )
    await q.query(`UPDATE portal_password_resets SET version = version
      WHERE submitted_at > now() - interval '13 months'`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX portal_password_resets_account`)
    await q.query(`DROP TRIGGER portal_password_resets_feed ON portal_password_resets`)
    await q.query(`DROP TRIGGER portal_password_resets_version ON portal_password_resets`)
    await q.query(`ALTER TABLE portal_password_resets DROP COLUMN version`)
  }
}
