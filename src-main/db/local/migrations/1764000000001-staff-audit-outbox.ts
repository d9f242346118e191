import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Staff accounts, console settings, the append-only audit log and the outbox of commands to sync. */
export class StaffAuditOutbox1764000000001 implements MigrationInterface {
  name = 'StaffAuditOutbox1764000000001'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff (
      id INTEGER PRIMARY KEY,
      login TEXT NOT NULL UNIQUE,
      full_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('operator', 'clerk', 'supervisor')),
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`)
    await q.query(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`)
    await q.query(`CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      staff_id INTEGER,
      staff_login TEXT,
      command TEXT NOT NULL,
      command_id TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      before_json TEXT,
      after_json TEXT
    )`)
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id)`)
    // 152-FZ: the trail of who changed what must not be rewritten, so the database itself refuses.
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
    await q.query(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
    await q.query(`CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      command_id TEXT NOT NULL UNIQUE,
      command TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      staff_id INTEGER,
      created_at TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'refused')),
      refusal_json TEXT
    )`)
    await q.query(`CREATE INDEX outbox_state ON outbox (state, seq)`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'audit_log', 'settings', 'staff']) await q.query(`DROP TABLE ${table}`)
  }
}
