import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Charges and payments now come from the central database (billing's import) through the feed:
 * like every mirrored row they carry the central `version`, so an older image never overwrites a
 * newer one.
 */
export class BillingHistoryVersions1764000000013 implements MigrationInterface {
  name = 'BillingHistoryVersions1764000000013'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE charges ADD COLUMN version INTEGER NOT NULL DEFAULT 1`)
    await q.query(`ALTER TABLE payments ADD COLUMN version INTEGER NOT NULL DEFAULT 1`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP COLUMN version`)
    await q.query(`ALTER TABLE charges DROP COLUMN version`)
  }
}
