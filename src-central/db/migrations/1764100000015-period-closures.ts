import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * Closed billing periods (docs/business-rules.md#meter-readings, corrected meaning of "late"): a period
 * closes when its register goes to billing, and only a reading whose period was already closed is late (it
 * goes to the next open period). Until now "late" meant "received after the 2nd", the normal course; no
 * period had been closed, so every old mark is cleared (consoles receive the change through the feed).
 */
export class PeriodClosures1764100000015 implements MigrationInterface {
  name = 'PeriodClosures1764100000015'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE period_closures (
      period char(7) PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      closed boolean NOT NULL,
      changed_by text REFERENCES staff (login),
      changed_at timestamptz NOT NULL DEFAULT now(),
      reason text,
      version integer NOT NULL DEFAULT 1
    )`)
    for (const statement of feedTriggers('period_closures')) await q.query(statement)
    await q.query(`REVOKE DELETE, TRUNCATE ON period_closures FROM vodokanal_central`)
    await q.query(`UPDATE readings SET late = false WHERE late`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE period_closures`)
  }
}
