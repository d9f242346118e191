import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A queued command's proof names the hash of what its author's key signed before it on this console
 * (docs/central-service.md#chained-proofs), so the service can check one signature for a run of them.
 */
export class ChainedProofs1764000000026 implements MigrationInterface {
  name = 'ChainedProofs1764000000026'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN proof_chain TEXT`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN proof_chain`)
  }
}
