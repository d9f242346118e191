import type { MigrationInterface, QueryRunner } from 'typeorm'

/** What the website writes: the columns of each `portal_*` table it fills (docs/portal-contract.md). */
const WEBSITE_WRITES: Record<string, string[]> = {
  portal_readings: ['account_number', 'meter_serial', 'value_text'],
  portal_registrations: ['account_number', 'surname', 'email', 'password_hash'],
  portal_feedback: [
    'surname',
    'first_name',
    'patronymic',
    'email',
    'phone',
    'account_number',
    'subject',
    'message',
  ],
  portal_requests: [
    'kind',
    'account_number',
    'applicant_surname',
    'applicant_first_name',
    'applicant_patronymic',
    'email',
    'phone',
    'new_owner_surname',
    'new_owner_first_name',
    'new_owner_patronymic',
    'effective_on',
    'comment',
  ],
  portal_request_attachments: ['request_id', 'file_name', 'media_type', 'size_bytes', 'content'],
}

/** What the website reads back; never a password hash, never a console's table. */
const WEBSITE_READS: Record<string, string[]> = {
  portal_readings: [
    'id',
    'account_number',
    'meter_serial',
    'value_text',
    'submitted_at',
    'state',
    'period',
    'findings',
    'decision_reason',
  ],
  portal_registrations: ['id', 'account_number', 'submitted_at', 'state', 'reject_reason', 'activated_at'],
  portal_feedback: ['id', 'account_number', 'subject', 'submitted_at', 'state', 'answer', 'answered_at'],
  portal_requests: ['id', 'kind', 'account_number', 'submitted_at', 'state'],
  portal_request_attachments: ['id', 'request_id', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'],
  accounts: ['id', 'number', 'surname', 'status'],
  meters: ['id', 'account_id', 'serial', 'place', 'status'],
  readings: ['meter_id', 'period', 'value_milli', 'source'],
  cabinets: ['account_id', 'state', 'email'],
}

/** The subscriber the website is serving in this transaction: `SET LOCAL vodokanal.account = '…'`. */
const SUBSCRIBER = `current_setting('vodokanal.account', true)`
const ACCOUNT_IDS = `SELECT a.id FROM accounts a WHERE a.number = ${SUBSCRIBER}`

/** Which rows of each table the website may see: the subscriber's, and what it wrote in this transaction. */
const WEBSITE_ROWS: Record<string, string> = {
  portal_readings: `account_number = ${SUBSCRIBER} OR written_in = pg_current_xact_id_if_assigned()`,
  portal_registrations: `account_number = ${SUBSCRIBER} OR written_in = pg_current_xact_id_if_assigned()`,
  portal_feedback: `account_number = ${SUBSCRIBER} OR written_in = pg_current_xact_id_if_assigned()`,
  portal_requests: `account_number = ${SUBSCRIBER} OR written_in = pg_current_xact_id_if_assigned()`,
  portal_request_attachments: `request_id IN (SELECT r.id FROM portal_requests r)`,
  accounts: `number = ${SUBSCRIBER}`,
  meters: `account_id IN (${ACCOUNT_IDS})`,
  readings: `meter_id IN (SELECT m.id FROM meters m WHERE m.account_id IN (${ACCOUNT_IDS}))`,
  cabinets: `account_id IN (${ACCOUNT_IDS})`,
}

/**
 * The website's database role (docs/portal-contract.md). `vodokanal_website` is
 * NOLOGIN; the utility grants it to the website's login user. It may INSERT the columns the contract
 * lists into the `portal_*` tables and SELECT the columns it lists, and nothing else: no console
 * table, no password hash, no feed. Row-level security narrows every read to the subscriber the
 * website names for the transaction (and to what it has just inserted, so `RETURNING id` works).
 *
 * The change-feed and staff-history triggers now run as the schema's owner (SECURITY DEFINER, fixed
 * search_path): an insert by the website still reaches the feed, but the website itself can never
 * write `change_log`. Activation goes through one function that does exactly that and nothing more.
 */
export class WebsiteRole1764100000010 implements MigrationInterface {
  name = 'WebsiteRole1764100000010'

  async up(q: QueryRunner): Promise<void> {
    // Made by the administrator before the first migration, so the owner needs no right to make roles
    // (docs/central-service.md#install-on-a-server-debian); made here when migrating as a superuser.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vodokanal_website') THEN
        CREATE ROLE vodokanal_website NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`)
    await q.query(`GRANT USAGE ON SCHEMA public TO vodokanal_website`)

    for (const fn of ['log_change()', 'staff_history_record()', 'bump_version()']) {
      await q.query(`ALTER FUNCTION ${fn} SECURITY DEFINER SET search_path = public, pg_temp`)
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`)
    }

    for (const table of ['portal_readings', 'portal_registrations', 'portal_feedback', 'portal_requests'])
      await q.query(`ALTER TABLE ${table} ADD COLUMN written_in xid8 NOT NULL DEFAULT pg_current_xact_id()`)
    // Only the triggers write these now, so the service's role need not either.
    await q.query(
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON change_log, staff_history FROM vodokanal_central`,
    )
    for (const [table, columns] of Object.entries(WEBSITE_WRITES)) {
      await q.query(`GRANT INSERT (${columns.join(', ')}) ON ${table} TO vodokanal_website`)
      await q.query(`GRANT USAGE ON SEQUENCE ${table}_id_seq TO vodokanal_website`)
    }
    for (const [table, columns] of Object.entries(WEBSITE_READS))
      await q.query(`GRANT SELECT (${columns.join(', ')}) ON ${table} TO vodokanal_website`)

    for (const [table, rows] of Object.entries(WEBSITE_ROWS)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`)
      await q.query(`CREATE POLICY website_reads ON ${table} FOR SELECT TO vodokanal_website USING (${rows})`)
      if (WEBSITE_WRITES[table])
        await q.query(
          `CREATE POLICY website_writes ON ${table} FOR INSERT TO vodokanal_website WITH CHECK (true)`,
        )
      // The service sees and changes every row, as before row-level security.
      await q.query(
        `CREATE POLICY service_all ON ${table} TO vodokanal_central USING (true) WITH CHECK (true)`,
      )
    }

    // The one write the website makes outside the portal tables: following an activation link.
    await q.query(`CREATE FUNCTION portal_activate(token text) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      activated_account text;
    BEGIN
      UPDATE portal_registrations SET state = 'activated', activated_at = now()
      WHERE activation_token = token AND state = 'confirmed'
      RETURNING account_number INTO activated_account;
      IF activated_account IS NULL THEN
        RETURN NULL;
      END IF;
      UPDATE cabinets SET state = 'active', updated_at = now()
      WHERE account_id = (SELECT a.id FROM accounts a WHERE a.number = activated_account);
      RETURN activated_account;
    END $$`)
    await q.query(`REVOKE ALL ON FUNCTION portal_activate(text) FROM PUBLIC`)
    await q.query(`GRANT EXECUTE ON FUNCTION portal_activate(text) TO vodokanal_website, vodokanal_central`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION portal_activate(text)`)
    await q.query(`GRANT INSERT ON change_log, staff_history TO vodokanal_central`)
    for (const table of Object.keys(WEBSITE_ROWS)) {
      await q.query(`DROP POLICY IF EXISTS website_reads ON ${table}`)
      await q.query(`DROP POLICY IF EXISTS website_writes ON ${table}`)
      await q.query(`DROP POLICY IF EXISTS service_all ON ${table}`)
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`)
      await q.query(`REVOKE ALL ON ${table} FROM vodokanal_website`)
    }
    for (const table of ['portal_readings', 'portal_registrations', 'portal_feedback', 'portal_requests'])
      await q.query(`ALTER TABLE ${table} DROP COLUMN written_in`)
    for (const fn of ['log_change()', 'staff_history_record()', 'bump_version()'])
      await q.query(`ALTER FUNCTION ${fn} SECURITY INVOKER RESET search_path`)
    await q.query(`REVOKE USAGE ON SCHEMA public FROM vodokanal_website`)
  }
}
