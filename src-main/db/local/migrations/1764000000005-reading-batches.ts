import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Paper-form batches (docs/business-rules.md#meter-readings). Every form is saved as it is typed, so a crash,
 * a closed window or a lost connection loses nothing; a form whose account is unknown or closed stays in the
 * batch as unresolved, never dropped.
 */
export class ReadingBatches1764000000005 implements MigrationInterface {
  name = 'ReadingBatches1764000000005'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reading_batches (
      id INTEGER PRIMARY KEY,
      received_on TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES staff (id),
      created_at TEXT NOT NULL,
      finished_by INTEGER REFERENCES staff (id),
      finished_at TEXT
    )`)
    await q.query(`CREATE INDEX reading_batches_open ON reading_batches (created_by, finished_at)`)
    await q.query(`CREATE TABLE reading_batch_forms (
      batch_id INTEGER NOT NULL REFERENCES reading_batches (id),
      position INTEGER NOT NULL,
      account_number TEXT NOT NULL,
      values_json TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('draft', 'saved', 'unresolved')),
      problem_json TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (batch_id, position)
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reading_batch_forms`)
    await q.query(`DROP TABLE reading_batches`)
  }
}
