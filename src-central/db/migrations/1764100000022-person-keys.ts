import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The keys that prove a command's author (docs/central-service.md#proof-of-person). A console makes a
 * key pair for a person at their online sign-in; the service keeps the public half here, bound to that
 * person and that console, from the moment it was registered. A command is accepted only when signed
 * by a key of its author on the console that pushed it, made while that key was live.
 *
 * A console's clock may be wrong, even by a year: how far it stood from the service's at the sign-in
 * (`clock_offset_ms`) turns the key's commands' `madeAt` into the service's time.
 *
 * Keys die in the database, whoever changes the row: a password changed or reset, a deactivation or a
 * role change revokes the person's keys on every console; a revoked console takes every key made on
 * it; a newer key of the same person on the same console replaces the older one (the service does).
 */
export class PersonKeys1764100000022 implements MigrationInterface {
  name = 'PersonKeys1764100000022'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_keys (
      id bigserial PRIMARY KEY,
      login text NOT NULL REFERENCES staff (login),
      console_id uuid NOT NULL REFERENCES consoles (id),
      public_key text NOT NULL UNIQUE,
      valid_from timestamptz NOT NULL DEFAULT clock_timestamp(),
      clock_offset_ms bigint NOT NULL DEFAULT 0,
      revoked_at timestamptz,
      revoked_why text
    )`)
    await q.query(`CREATE INDEX staff_keys_live ON staff_keys (login, console_id) WHERE revoked_at IS NULL`)
    await q.query(`CREATE FUNCTION staff_keys_revoke_for_staff() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.active IS DISTINCT FROM OLD.active
          OR NEW.role IS DISTINCT FROM OLD.role THEN
          UPDATE public.staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'staffChanged'
          WHERE login = NEW.login AND revoked_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`)
    await q.query(`CREATE TRIGGER staff_keys_revoke_for_staff AFTER UPDATE ON staff
      FOR EACH ROW EXECUTE FUNCTION staff_keys_revoke_for_staff()`)
    await q.query(`CREATE FUNCTION staff_keys_revoke_for_console() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
          UPDATE public.staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'consoleRevoked'
          WHERE console_id = NEW.id AND revoked_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`)
    await q.query(`CREATE TRIGGER staff_keys_revoke_for_console AFTER UPDATE ON consoles
      FOR EACH ROW EXECUTE FUNCTION staff_keys_revoke_for_console()`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER staff_keys_revoke_for_console ON consoles`)
    await q.query(`DROP FUNCTION staff_keys_revoke_for_console()`)
    await q.query(`DROP TRIGGER staff_keys_revoke_for_staff ON staff`)
    await q.query(`DROP FUNCTION staff_keys_revoke_for_staff()`)
    await q.query(`DROP TABLE staff_keys`)
  }
}
