import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The role the central service runs as (docs/central-service.md): it
 * reads and writes the data consoles sync, but may never UPDATE, DELETE or TRUNCATE the audit trail.
 * The utility grants this NOLOGIN role to the service's login user (docs/central-service.md); the
 * schema's owner, who runs migrations, is a different user. Later tables get the same rights by
 * default, so a new migration needs no grant of its own.
 */
export class ServiceRole1764100000007 implements MigrationInterface {
  name = 'ServiceRole1764100000007'

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the whole server: another database on it may have made this one already.
    // Made by the administrator before the first migration, so the owner needs no right to make roles
    // (docs/central-service.md#install-on-a-server-debian); made here when migrating as a superuser.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vodokanal_central') THEN
        CREATE ROLE vodokanal_central NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`)
    await q.query(`GRANT USAGE ON SCHEMA public TO vodokanal_central`)
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vodokanal_central`)
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vodokanal_central`)
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vodokanal_central`,
    )
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vodokanal_central`,
    )
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON central_audit FROM vodokanal_central`)
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON migrations FROM vodokanal_central`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM vodokanal_central`)
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM vodokanal_central`)
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM vodokanal_central`)
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM vodokanal_central`)
    await q.query(`REVOKE USAGE ON SCHEMA public FROM vodokanal_central`)
  }
}
