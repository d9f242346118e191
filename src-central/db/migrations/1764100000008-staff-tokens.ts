import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What the service gives a staff member at an online sign-in (docs/central-service.md):
 * a token bound to that person and that console, kept only as its hash, for the calls a console makes
 * on the person's behalf while online (the consoles list, a revocation). It ends with the console's
 * session (12 hours), and is worthless once the person is deactivated or the console revoked.
 */
export class StaffTokens1764100000008 implements MigrationInterface {
  name = 'StaffTokens1764100000008'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_tokens (
      token_hash text PRIMARY KEY,
      login text NOT NULL REFERENCES staff (login),
      console_id uuid NOT NULL REFERENCES consoles (id),
      issued_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`)
    await q.query(`CREATE INDEX staff_tokens_expiry ON staff_tokens (expires_at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_tokens`)
  }
}
