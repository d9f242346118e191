import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What sync keeps on the console: the version of each mirrored row as the central database last
 * said (so an older image never overwrites a newer one), which rows each queued command touched (so
 * a pulled change never overwrites a change still waiting to be pushed), the feed cursor and
 * initial-sync progress, and the conflicts supervisors resolve.
 */
export class Sync1764000000007 implements MigrationInterface {
  name = 'Sync1764000000007'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meters ADD COLUMN version INTEGER NOT NULL DEFAULT 1`)
    await q.query(`ALTER TABLE readings ADD COLUMN version INTEGER NOT NULL DEFAULT 0`)
    await q.query(`ALTER TABLE cabinets ADD COLUMN version INTEGER NOT NULL DEFAULT 1`)
    await q.query(`CREATE TABLE outbox_keys (
      entity_key TEXT NOT NULL,
      outbox_seq INTEGER NOT NULL REFERENCES outbox (seq),
      PRIMARY KEY (entity_key, outbox_seq)
    ) WITHOUT ROWID`)
    await q.query(`CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)`)
    await q.query(`CREATE TABLE sync_conflicts (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      entity_key TEXT NOT NULL,
      field TEXT,
      central_value_json TEXT,
      console_value_json TEXT,
      command_id TEXT NOT NULL,
      raised_by TEXT,
      raised_at TEXT NOT NULL,
      resolved_by TEXT,
      resolved_at TEXT,
      resolution_json TEXT,
      version INTEGER NOT NULL
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sync_conflicts', 'sync_state', 'outbox_keys']) await q.query(`DROP TABLE ${table}`)
    await q.query(`ALTER TABLE cabinets DROP COLUMN version`)
    await q.query(`ALTER TABLE readings DROP COLUMN version`)
    await q.query(`ALTER TABLE meters DROP COLUMN version`)
  }
}
