import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Closed billing periods (docs/business-rules.md#meter-readings, corrected meaning of "late"): a period is
 * closed once its register went to billing; a reading whose period is closed goes to the next open one and
 * only then is late. Until now "late" meant "received after the 2nd", which is the normal course: no period
 * had been closed, so no reading was late in the corrected sense and every old mark is cleared.
 */
export class PeriodClosures1764000000015 implements MigrationInterface {
  name = 'PeriodClosures1764000000015'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE period_closures (
      period TEXT PRIMARY KEY,
      closed INTEGER NOT NULL,
      changed_by TEXT,
      changed_at TEXT NOT NULL,
      reason TEXT,
      version INTEGER NOT NULL DEFAULT 1
    )`)
    await q.query(`UPDATE readings SET late = 0 WHERE late = 1`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE period_closures`)
  }
}
