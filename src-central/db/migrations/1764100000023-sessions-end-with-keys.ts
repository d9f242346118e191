import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A person's online sessions end where their keys do (docs/central-service.md#proof-of-person): a
 * password changed or reset, a deactivation or a role change deletes their session tokens on every
 * console, and a revoked console loses every session opened on it. The same triggers as the keys', so
 * no path that changes those rows can leave a session behind; staff management, which needs a live
 * session, stops at once for them.
 */
export class SessionsEndWithKeys1764100000023 implements MigrationInterface {
  name = 'SessionsEndWithKeys1764100000023'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION staff_keys_revoke_for_staff() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.active IS DISTINCT FROM OLD.active
          OR NEW.role IS DISTINCT FROM OLD.role THEN
          UPDATE public.staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'staffChanged'
          WHERE login = NEW.login AND revoked_at IS NULL;
          DELETE FROM public.staff_tokens WHERE login = NEW.login;
        END IF;
        RETURN NULL;
      END $$`)
    await q.query(`CREATE OR REPLACE FUNCTION staff_keys_revoke_for_console() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
          UPDATE public.staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'consoleRevoked'
          WHERE console_id = NEW.id AND revoked_at IS NULL;
          DELETE FROM public.staff_tokens WHERE console_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION staff_keys_revoke_for_staff() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.active IS DISTINCT FROM OLD.active
          OR NEW.role IS DISTINCT FROM OLD.role THEN
          UPDATE public.staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'staffChanged'
          WHERE login = NEW.login AND revoked_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`)
    await q.query(`CREATE OR REPLACE FUNCTION staff_keys_revoke_for_console() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
          UPDATE public.staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'consoleRevoked'
          WHERE console_id = NEW.id AND revoked_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`)
  }
}
