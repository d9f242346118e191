import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Readings by period (docs/business-rules.md#reports-exports-and-the-audit-trail): the register, the coverage
 * trend and the period overview read one period's readings, or twelve, and without this index every one of
 * them read all 24 periods of readings. Source and meter ride in the index, so counting by source never
 * visits the table.
 */
export class ReadingsByPeriod1764000000021 implements MigrationInterface {
  name = 'ReadingsByPeriod1764000000021'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX readings_period_source ON readings (period, source, meter_id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX readings_period_source`)
  }
}
