import type { MigrationInterface, QueryRunner } from 'typeorm'

const SUBSCRIBER = `current_setting('vodokanal.account', true)`

/**
 * Password reset, both ways (docs/portal-contract.md; docs/portal-contract.md, "Password reset").
 *
 * - `portal_passwords` is where a subscriber's password hash lives once the cabinet is active: copied
 *   from the registration at activation, replaced by a reset. The website never reads the table; it
 *   asks `portal_password_hash(account)` at sign-in, for one active cabinet at a time.
 * - `portal_password_resets` holds requests: the website's (account number + surname) and the
 *   operators' (the card's "send link", `requested_by`). The central service checks each one and
 *   queues one letter with a single-use link; only the token's hash is stored.
 * - `portal_set_password(token, hash)` is the website's only way to set a password: it answers
 *   `changed`, `unknownToken`, `used` or `expired`.
 */
export class PasswordResets1764100000012 implements MigrationInterface {
  name = 'PasswordResets1764100000012'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE portal_passwords (
      account_number text PRIMARY KEY,
      password_hash text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now()
    )`)
    await q.query(`INSERT INTO portal_passwords (account_number, password_hash, set_at)
      SELECT DISTINCT ON (account_number) account_number, password_hash, coalesce(activated_at, now())
      FROM portal_registrations WHERE state = 'activated' ORDER BY account_number, activated_at DESC`)

    await q.query(`CREATE TABLE portal_password_resets (
      id bigserial PRIMARY KEY,
      account_number text NOT NULL
        CONSTRAINT portal_password_resets_account_number_format CHECK (account_number ~ '^[0-9]{4,20}$'),
      -- Typed on the website; none when an operator sent the link after checking the caller.
      surname text CONSTRAINT portal_password_resets_surname_filled
        CHECK ((surname IS NULL AND requested_by IS NOT NULL) OR portal_filled(surname)),
      requested_by text REFERENCES staff (login),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'sent', 'refused', 'used', 'expired')),
      refusal text CHECK (refusal IN ('unknownAccount', 'surnameMismatch', 'noActiveCabinet')),
      token_hash text UNIQUE,
      expires_at timestamptz,
      used_at timestamptz,
      written_in xid8 NOT NULL DEFAULT pg_current_xact_id()
    )`)
    await q.query(
      `CREATE INDEX portal_password_resets_new ON portal_password_resets (id) WHERE state = 'new'`,
    )
    await q.query(`GRANT INSERT (account_number, surname) ON portal_password_resets TO vodokanal_website`)
    await q.query(`GRANT USAGE ON SEQUENCE portal_password_resets_id_seq TO vodokanal_website`)
    await q.query(
      `GRANT SELECT (id, account_number, submitted_at, state, refusal, expires_at) ON portal_password_resets TO vodokanal_website`,
    )
    await q.query(`REVOKE ALL ON portal_passwords FROM vodokanal_website`)
    await q.query(`ALTER TABLE portal_password_resets ENABLE ROW LEVEL SECURITY`)
    await q.query(`CREATE POLICY website_reads ON portal_password_resets FOR SELECT TO vodokanal_website
      USING (account_number = ${SUBSCRIBER} OR written_in = pg_current_xact_id_if_assigned())`)
    await q.query(
      `CREATE POLICY website_writes ON portal_password_resets FOR INSERT TO vodokanal_website WITH CHECK (true)`,
    )
    await q.query(
      `CREATE POLICY service_all ON portal_password_resets TO vodokanal_central USING (true) WITH CHECK (true)`,
    )

    // Activation now also sets the password the subscriber chose at registration.
    await q.query(`CREATE OR REPLACE FUNCTION portal_activate(token text) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      activated_account text;
      chosen_hash text;
    BEGIN
      UPDATE portal_registrations SET state = 'activated', activated_at = now()
      WHERE activation_token = token AND state = 'confirmed'
      RETURNING account_number, password_hash INTO activated_account, chosen_hash;
      IF activated_account IS NULL THEN
        RETURN NULL;
      END IF;
      UPDATE cabinets SET state = 'active', updated_at = now()
      WHERE account_id = (SELECT a.id FROM accounts a WHERE a.number = activated_account);
      INSERT INTO portal_passwords (account_number, password_hash) VALUES (activated_account, chosen_hash)
      ON CONFLICT (account_number) DO UPDATE SET password_hash = excluded.password_hash, set_at = now();
      RETURN activated_account;
    END $$`)

    await q.query(`CREATE FUNCTION portal_set_password(token text, new_hash text) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      reset portal_password_resets%ROWTYPE;
    BEGIN
      IF new_hash IS NULL OR length(new_hash) < 20 THEN
        RAISE EXCEPTION 'new_hash is not a password hash' USING ERRCODE = '22023';
      END IF;
      SELECT * INTO reset FROM portal_password_resets
      WHERE token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex') FOR UPDATE;
      IF NOT FOUND THEN
        RETURN 'unknownToken';
      END IF;
      IF reset.state = 'used' THEN
        RETURN 'used';
      END IF;
      IF reset.state = 'expired' OR reset.expires_at <= now() THEN
        UPDATE portal_password_resets SET state = 'expired' WHERE id = reset.id;
        RETURN 'expired';
      END IF;
      INSERT INTO portal_passwords (account_number, password_hash) VALUES (reset.account_number, new_hash)
      ON CONFLICT (account_number) DO UPDATE SET password_hash = excluded.password_hash, set_at = now();
      UPDATE portal_password_resets SET state = 'used', used_at = now() WHERE id = reset.id;
      RETURN 'changed';
    END $$`)

    await q.query(`CREATE FUNCTION portal_password_hash(account text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT p.password_hash FROM portal_passwords p
      JOIN accounts a ON a.number = p.account_number
      JOIN cabinets c ON c.account_id = a.id AND c.state = 'active'
      WHERE p.account_number = account
    $$`)
    for (const fn of ['portal_set_password(text, text)', 'portal_password_hash(text)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`)
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO vodokanal_website`)
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION portal_password_hash(text)`)
    await q.query(`DROP FUNCTION portal_set_password(text, text)`)
    await q.query(`DROP TABLE portal_password_resets`)
    await q.query(`DROP TABLE portal_passwords`)
  }
}
