import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Requests that cannot be replayed (docs/central-service.md#requests-that-cannot-be-replayed): each
 * signed request's nonce, per console, kept while a copy of it could still be fresh. In the database,
 * so every service instance refuses a copy sent to another one.
 */
export class RequestNonces1764100000024 implements MigrationInterface {
  name = 'RequestNonces1764100000024'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE request_nonces (
      console_id uuid NOT NULL,
      nonce text NOT NULL,
      seen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (console_id, nonce)
    )`)
    await q.query(`CREATE INDEX request_nonces_seen ON request_nonces (seen_at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_nonces`)
  }
}
