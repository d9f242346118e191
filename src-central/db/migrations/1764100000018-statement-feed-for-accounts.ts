import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The change feed of `accounts` written once per statement instead of once per row (docs/central-service.md).
 * A console back from a day offline pushes hundreds of contact edits, which
 * the service applies with one UPDATE per batch of 500; a row trigger ran a PL/pgSQL call, an INSERT
 * and a notification for each of them. A statement trigger reads the statement's rows from its
 * transition table and logs them with one INSERT … SELECT. The rows and their order in the feed are
 * the same: each statement's rows are logged when it ends, before the next statement runs, exactly
 * where the row triggers logged them. (PostgreSQL allows a transition table on one event per trigger,
 * hence three.)
 */
export class StatementFeedForAccounts1764100000018 implements MigrationInterface {
  name = 'StatementFeedForAccounts1764100000018'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION log_statement_changes() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO change_log (table_name, op, row_data) SELECT TG_TABLE_NAME, 'D', to_jsonb(o) FROM old_rows o;
        ELSIF TG_OP = 'INSERT' THEN
          INSERT INTO change_log (table_name, op, row_data) SELECT TG_TABLE_NAME, 'I', to_jsonb(n) FROM new_rows n;
        ELSE
          INSERT INTO change_log (table_name, op, row_data) SELECT TG_TABLE_NAME, 'U', to_jsonb(n) FROM new_rows n;
        END IF;
        IF FOUND THEN
          PERFORM pg_notify('vodokanal_changes', '');
        END IF;
        RETURN NULL;
      END $$`)
    await q.query(`DROP TRIGGER accounts_feed ON accounts`)
    await q.query(`CREATE TRIGGER accounts_feed_insert AFTER INSERT ON accounts REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION log_statement_changes()`)
    await q.query(`CREATE TRIGGER accounts_feed_update AFTER UPDATE ON accounts REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION log_statement_changes()`)
    await q.query(`CREATE TRIGGER accounts_feed_delete AFTER DELETE ON accounts REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION log_statement_changes()`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER accounts_feed_${event} ON accounts`)
    await q.query(`DROP FUNCTION log_statement_changes`)
    await q.query(`CREATE TRIGGER accounts_feed AFTER INSERT OR UPDATE OR DELETE ON accounts
      FOR EACH ROW EXECUTE FUNCTION log_change()`)
  }
}
