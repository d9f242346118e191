import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The central audit trail keeps each event's detail as the exact JSON text the service hashed
 * (docs/central-service.md#speed). As `jsonb` the text had to be sent to PostgreSQL once to
 * learn its normalised form, hashed, then sent and parsed again to be stored: a third of the time of a
 * pushed batch. `json` keeps the text as written, so the service hashes what it sends, in one
 * statement. Rows written before keep their hashes: converted from `jsonb`, their text is the
 * normalised text they were hashed from.
 */
export class AuditDetailAsSent1764100000020 implements MigrationInterface {
  name = 'AuditDetailAsSent1764100000020'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE central_audit ALTER COLUMN detail TYPE json USING detail::json`)
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to jsonb changes the stored text of rows written since, so their hashes no longer verify:
    // a downgrade must be followed by a fresh chain (npm run central:verify-audit reports where).
    await q.query(`ALTER TABLE central_audit ALTER COLUMN detail TYPE jsonb USING detail::jsonb`)
  }
}
