import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Paper-form entry at speed (docs/business-rules.md#meter-readings): a form may be set aside by the clerk
 * (unresolved, to come back to within the batch) or discarded when a batch is finished, and is counted as
 * such in the summary. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its
 * rows.
 */
export class BatchFormStates1764000000014 implements MigrationInterface {
  name = 'BatchFormStates1764000000014'

  async up(q: QueryRunner): Promise<void> {
    await this.rebuild(q, `'draft', 'saved', 'unresolved', 'setAside', 'discarded'`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE reading_batch_forms SET state = 'unresolved' WHERE state IN ('setAside', 'discarded')`,
    )
    await this.rebuild(q, `'draft', 'saved', 'unresolved'`)
  }

  private async rebuild(q: QueryRunner, states: string): Promise<void> {
    await q.query(`CREATE TABLE reading_batch_forms_next (
      batch_id INTEGER NOT NULL REFERENCES reading_batches (id),
      position INTEGER NOT NULL,
      account_number TEXT NOT NULL,
      values_json TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN (${states})),
      problem_json TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (batch_id, position)
    )`)
    await q.query(`INSERT INTO reading_batch_forms_next SELECT batch_id, position, account_number, values_json,
      state, problem_json, updated_at FROM reading_batch_forms`)
    await q.query(`DROP TABLE reading_batch_forms`)
    await q.query(`ALTER TABLE reading_batch_forms_next RENAME TO reading_batch_forms`)
  }
}
