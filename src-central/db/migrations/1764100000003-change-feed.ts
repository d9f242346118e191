import type { MigrationInterface, QueryRunner } from 'typeorm'

/** The tables every console mirrors at this migration; later ones add theirs with `feedTriggers`. */
const FEED_TABLES = ['staff', 'accounts', 'meters', 'readings', 'cabinets', 'sync_conflicts'] as const

/** A change to the table, by anyone, goes into the feed; every update bumps the row's version. */
export function feedTriggers(table: string): string[] {
  return [
    `CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION bump_version()`,
    `CREATE TRIGGER ${table}_feed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION log_change()`,
  ]
}

/**
 * The change feed consoles pull. A trigger writes each changed row, whole, with the id of the
 * transaction that wrote it. Readers order by (txid, id) and read only below the oldest transaction
 * still running (`pg_snapshot_xmin`): everything there has finished, so no row can later appear
 * behind a reader's cursor, however out of order concurrent writers commit. A sequence alone would
 * not do: its values are taken before commit, and a reader that passed a not-yet-committed one
 * would never see it.
 */
export class ChangeFeed1764100000003 implements MigrationInterface {
  name = 'ChangeFeed1764100000003'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE change_log (
      id bigserial NOT NULL,
      txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      table_name text NOT NULL,
      op char(1) NOT NULL CHECK (op IN ('I', 'U', 'D')),
      row_data jsonb NOT NULL,
      logged_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (txid, id)
    )`)
    await q.query(`CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO change_log (table_name, op, row_data) VALUES (TG_TABLE_NAME, 'D', to_jsonb(OLD));
        ELSE
          INSERT INTO change_log (table_name, op, row_data)
          VALUES (TG_TABLE_NAME, CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END, to_jsonb(NEW));
        END IF;
        -- One notification per transaction (PostgreSQL folds identical ones), delivered at commit.
        PERFORM pg_notify('vodokanal_changes', '');
        RETURN NULL;
      END $$`)
    await q.query(`CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $$`)
    for (const table of FEED_TABLES) for (const statement of feedTriggers(table)) await q.query(statement)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of FEED_TABLES) {
      await q.query(`DROP TRIGGER ${table}_feed ON ${table}`)
      await q.query(`DROP TRIGGER ${table}_version ON ${table}`)
    }
    await q.query(`DROP FUNCTION bump_version`)
    await q.query(`DROP FUNCTION log_change`)
    await q.query(`DROP TABLE change_log`)
  }
}
