import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A re-registration takes effect on its date (docs/business-rules.md#closure-and-re-registration-requests):
 * `switched_at` says when the account took this owner's name and contacts. Every owner recorded before
 * was switched at completion, so all are marked switched.
 */
export class OwnerSwitches1764100000031 implements MigrationInterface {
  name = 'OwnerSwitches1764100000031'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_owners ADD COLUMN switched_at timestamptz`)
    await q.query(`UPDATE account_owners SET switched_at = now()`)
    await q.query(`CREATE INDEX account_owners_due ON account_owners (owned_from) WHERE switched_at IS NULL`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_owners DROP COLUMN switched_at`)
  }
}
