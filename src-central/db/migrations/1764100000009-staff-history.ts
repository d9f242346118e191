import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Who each staff member was, and since when (docs/central-service.md): a command made
 * offline is judged by its author's role and standing when it was made, not when it arrives. A
 * trigger writes a row whenever a staff member is created or their role or standing changes, so no
 * code path can change staff without leaving the history; the service may only add to it.
 */
export class StaffHistory1764100000009 implements MigrationInterface {
  name = 'StaffHistory1764100000009'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_history (
      id bigserial PRIMARY KEY,
      login text NOT NULL REFERENCES staff (login),
      role text NOT NULL,
      active boolean NOT NULL,
      since timestamptz NOT NULL DEFAULT clock_timestamp()
    )`)
    await q.query(`CREATE INDEX staff_history_login ON staff_history (login, since)`)
    await q.query(`CREATE FUNCTION staff_history_record() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.role IS DISTINCT FROM OLD.role OR NEW.active IS DISTINCT FROM OLD.active THEN
        INSERT INTO staff_history (login, role, active) VALUES (NEW.login, NEW.role, NEW.active);
      END IF;
      RETURN NULL;
    END $$`)
    await q.query(`CREATE TRIGGER staff_history_record AFTER INSERT OR UPDATE ON staff
      FOR EACH ROW EXECUTE FUNCTION staff_history_record()`)
    // Staff who exist already have held their present role "since ever": nothing older is known.
    await q.query(`INSERT INTO staff_history (login, role, active, since)
      SELECT login, role, active, '-infinity' FROM staff`)
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON staff_history FROM vodokanal_central`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER staff_history_record ON staff`)
    await q.query(`DROP FUNCTION staff_history_record()`)
    await q.query(`DROP TABLE staff_history`)
  }
}
