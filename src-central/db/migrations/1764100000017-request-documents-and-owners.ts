import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * What closing or re-registering an account needs beyond the steps
 * (docs/business-rules.md#closure-and-re-registration-requests): * - a request's documents reach consoles
 * through the change feed as a list (name, type, size, who
 *    added it), never with their content: a console fetches a file from the service when a clerk opens
 *    it. `source` tells the subscriber's scans from those a clerk scanned at the counter and from the
 *    decision the console printed;
 *  - a subscriber's new document wakes a request that was waiting for documents (the due-date clock
 *    runs again from that step), written by the database whoever inserts the file, as the arrival is;
 *  - the owners an account has had, each from a date: a re-registration ends the previous owner's
 *    time and starts the new owner's, and the account keeps its number.
 */
export class RequestDocumentsAndOwners1764100000017 implements MigrationInterface {
  name = 'RequestDocumentsAndOwners1764100000017'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_request_attachments
      ADD COLUMN source text NOT NULL DEFAULT 'subscriber' CHECK (source IN ('subscriber', 'office', 'decision')),
      ADD COLUMN added_by text,
      ADD COLUMN version integer NOT NULL DEFAULT 1`)
    await q.query(
      `CREATE INDEX portal_request_attachments_request ON portal_request_attachments (request_id, id)`,
    )
    // The feed carries the list, not the bytes (a 20 MiB scan would ride every console's pull).
    await q.query(`CREATE FUNCTION log_attachment_change() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO change_log (table_name, op, row_data)
        VALUES (TG_TABLE_NAME, CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END, to_jsonb(NEW) - 'content');
        PERFORM pg_notify('vodokanal_changes', '');
        RETURN NULL;
      END $$`)
    await q.query(`CREATE TRIGGER portal_request_attachments_feed AFTER INSERT OR UPDATE ON portal_request_attachments
      FOR EACH ROW EXECUTE FUNCTION log_attachment_change()`)
    await q.query(`CREATE FUNCTION request_documents_arrived() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE portal_requests SET state = 'inReview' WHERE id = NEW.request_id AND state = 'awaitingDocuments';
        IF FOUND THEN
          INSERT INTO portal_request_steps (request_id, from_state, to_state, reason)
          VALUES (NEW.request_id, 'awaiting_documents', 'in_review', 'Абонент прислал документы: ' || NEW.file_name);
        END IF;
        RETURN NULL;
      END $$`)
    await q.query(`CREATE TRIGGER portal_request_attachments_wake AFTER INSERT ON portal_request_attachments
      FOR EACH ROW WHEN (NEW.source = 'subscriber') EXECUTE FUNCTION request_documents_arrived()`)
    // Only the current list reaches consoles: what was there before this migration is read once.
    await q.query(`INSERT INTO change_log (table_name, op, row_data)
      SELECT 'portal_request_attachments', 'I', to_jsonb(a) - 'content' FROM portal_request_attachments a ORDER BY id`)

    await q.query(`CREATE TABLE account_owners (
      id bigserial PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      surname text NOT NULL,
      first_name text NOT NULL,
      patronymic text,
      phone text,
      email text,
      owned_from date,
      owned_until date,
      request_id bigint REFERENCES portal_requests (id),
      version integer NOT NULL DEFAULT 1,
      CHECK (owned_until IS NULL OR owned_from IS NULL OR owned_until >= owned_from)
    )`)
    await q.query(`CREATE INDEX account_owners_account ON account_owners (account_id, id)`)
    for (const statement of feedTriggers('account_owners')) await q.query(statement)
    await q.query(`ALTER TABLE portal_requests ADD COLUMN completed_on date`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_requests DROP COLUMN completed_on`)
    await q.query(`DROP TABLE account_owners`)
    await q.query(`DROP TRIGGER portal_request_attachments_wake ON portal_request_attachments`)
    await q.query(`DROP FUNCTION request_documents_arrived`)
    await q.query(`DROP TRIGGER portal_request_attachments_feed ON portal_request_attachments`)
    await q.query(`DROP FUNCTION log_attachment_change`)
    await q.query(`DROP INDEX portal_request_attachments_request`)
    await q.query(
      `ALTER TABLE portal_request_attachments DROP COLUMN version, DROP COLUMN added_by, DROP COLUMN source`,
    )
  }
}
