import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Offline sign-in (docs/central-service.md): once a console syncs with the service,
 * a staff member's password is checked centrally. `password_hash` then holds this console's own
 * verifier, derived at the last online sign-in, and `online_verified_at` says when: offline, only
 * people who signed in online here within the supervisors' window may sign in. Also indexes the
 * audit rows and the row keys by command, which push sends with each command.
 */
export class OfflineSignIn1764000000012 implements MigrationInterface {
  name = 'OfflineSignIn1764000000012'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff ADD COLUMN online_verified_at TEXT`)
    // Push sends each command's own audit rows to the service's central trail.
    await q.query(`CREATE INDEX audit_log_command ON audit_log (command_id)`)
    await q.query(`CREATE INDEX outbox_keys_seq ON outbox_keys (outbox_seq)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_keys_seq`)
    await q.query(`DROP INDEX audit_log_command`)
    await q.query(`ALTER TABLE staff DROP COLUMN online_verified_at`)
  }
}
