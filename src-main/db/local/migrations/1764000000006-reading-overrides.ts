import type { MigrationInterface, QueryRunner } from 'typeorm'

/** A supervisor's override of a late or flagged reading, with the reason (docs/business-rules.md#meter-readings). */
export class ReadingOverrides1764000000006 implements MigrationInterface {
  name = 'ReadingOverrides1764000000006'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE readings ADD COLUMN overridden_by INTEGER REFERENCES staff (id)`)
    await q.query(`ALTER TABLE readings ADD COLUMN override_reason TEXT`)
    await q.query(
      `CREATE INDEX readings_period_attention ON readings (period) WHERE late = 1 OR flags IS NOT NULL`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX readings_period_attention`)
    await q.query(`ALTER TABLE readings DROP COLUMN override_reason`)
    await q.query(`ALTER TABLE readings DROP COLUMN overridden_by`)
  }
}
