import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The central service's own records (docs/central-service.md):
 *  - `consoles`: every console enrolled by a supervisor, with its Ed25519 public key; a revoked one
 *    (a stolen laptop) is refused from then on. Never in the change feed: consoles do not see each
 *    other's keys.
 *  - `central_audit`: the append-only, hash-chained trail of every applied command, sign-in attempt,
 *    enrolment, revocation and staff change. Each row's hash covers its content and the previous
 *    row's hash, so a removed or edited row breaks the chain (`npm run central:verify-audit`).
 *    Triggers refuse UPDATE, DELETE and TRUNCATE for everyone; a role that drops them is still caught
 *    by the chain.
 *  - staff sign-in lockout counters, kept centrally so that parallel attempts share one count, in a
 *    table of their own so that attempts never travel in the change feed.
 */
export class ConsolesAndCentralAudit1764100000006 implements MigrationInterface {
  name = 'ConsolesAndCentralAudit1764100000006'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE consoles (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (btrim(name) <> ''),
      public_key text NOT NULL UNIQUE,
      enrolled_by text NOT NULL REFERENCES staff (login),
      enrolled_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz,
      revoked_by text REFERENCES staff (login),
      revoked_at timestamptz
    )`)
    await q.query(`CREATE TABLE central_audit (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      action text NOT NULL,
      staff_login text,
      console_id uuid,
      command_id uuid,
      detail jsonb NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`)
    await q.query(`CREATE FUNCTION central_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'central_audit is append-only' USING ERRCODE = '42501';
      END $$`)
    await q.query(`CREATE TRIGGER central_audit_no_update BEFORE UPDATE OR DELETE ON central_audit
      FOR EACH ROW EXECUTE FUNCTION central_audit_is_append_only()`)
    await q.query(`CREATE TRIGGER central_audit_no_truncate BEFORE TRUNCATE ON central_audit
      FOR EACH STATEMENT EXECUTE FUNCTION central_audit_is_append_only()`)
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON central_audit FROM PUBLIC`)
    // Outside `staff`, so that sign-in attempts never go out in the change feed.
    await q.query(`CREATE TABLE staff_lockouts (
      login text PRIMARY KEY REFERENCES staff (login),
      failed_sign_ins integer NOT NULL DEFAULT 0,
      locked_until timestamptz
    )`)
    // Consoles forget a derived offline verifier older than the last central password change.
    await q.query(`ALTER TABLE staff ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now()`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP COLUMN password_changed_at`)
    await q.query(`DROP TABLE staff_lockouts`)
    await q.query(`DROP TABLE central_audit`)
    await q.query(`DROP FUNCTION central_audit_is_append_only`)
    await q.query(`DROP TABLE consoles`)
  }
}
