import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Proof of person (docs/central-service.md#proof-of-person): each person's signing key on this
 * console, wrapped by a key derived from their password, and on every queued command the proof its
 * author's key made of it when it was written.
 */
export class PersonKeys1764000000024 implements MigrationInterface {
  name = 'PersonKeys1764000000024'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE person_keys (
      login TEXT PRIMARY KEY,
      public_key TEXT NOT NULL,
      wrapped_key TEXT NOT NULL,
      kdf TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`)
    await q.query(`ALTER TABLE outbox ADD COLUMN proof_key TEXT`)
    await q.query(`ALTER TABLE outbox ADD COLUMN proof_signature TEXT`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN proof_signature`)
    await q.query(`ALTER TABLE outbox DROP COLUMN proof_key`)
    await q.query(`DROP TABLE person_keys`)
  }
}
