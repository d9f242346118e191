import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * Claims: an item a staff member opened to work on (a registration, a request, a question) is theirs
 * for a limited time, and every console shows it as taken (docs/central-service.md). The expiry is
 * computed by the central database's clock, so a console with a wrong clock cannot extend or steal
 * one. Also indexes the cabinet e-mail check the registration decisions run.
 */
export class ClaimsAndRegistrationDecisions1764100000005 implements MigrationInterface {
  name = 'ClaimsAndRegistrationDecisions1764100000005'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE claims (
      entity_key text PRIMARY KEY,
      staff_login text NOT NULL REFERENCES staff (login),
      full_name text NOT NULL,
      console_id uuid NOT NULL,
      claimed_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`)
    for (const statement of feedTriggers('claims')) await q.query(statement)
    await q.query(
      `CREATE INDEX cabinets_email ON cabinets (lower(email)) WHERE state IN ('confirmed', 'active')`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cabinets_email`)
    await q.query(`DROP TABLE claims`)
  }
}
