import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A password set or reset by a supervisor must be changed by its owner at the next sign-in
 * (docs/delivery.md#passwords); the service says so in its sign-in answer and the feed carries it.
 */
export class MustChangePassword1764100000021 implements MigrationInterface {
  name = 'MustChangePassword1764100000021'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP COLUMN must_change_password`)
  }
}
