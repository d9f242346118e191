import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A password set or reset by a supervisor is the supervisor's, not the person's: it must be changed
 * at the next sign-in (docs/delivery.md). Mirrored from the central staff row on
 * an enrolled console; kept here on a console that works alone.
 */
export class MustChangePassword1764000000023 implements MigrationInterface {
  name = 'MustChangePassword1764000000023'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP COLUMN must_change_password`)
  }
}
