import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Readings subscribers submitted on the website, mirrored from the central `portal_readings`:
 * checked by a console as they arrive, accepted when clean, otherwise kept for a person to review.
 */
export class WebReadings1764000000008 implements MigrationInterface {
  name = 'WebReadings1764000000008'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_readings (
      id INTEGER PRIMARY KEY,
      account_number TEXT NOT NULL,
      meter_serial TEXT NOT NULL,
      value_text TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('new', 'accepted', 'review', 'rejected')),
      findings_json TEXT,
      period TEXT,
      decided_by TEXT,
      decided_at TEXT,
      decision_reason TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_readings_state ON web_readings (state, submitted_at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_readings`)
  }
}
