import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The functions that run with the schema owner's rights (SECURITY DEFINER) search nothing but
 * `pg_catalog` and name every table with its schema, and nobody but the owner may create objects in
 * `public` (docs/central-service.md#postgresql-least-privilege). Before, they searched `public` first:
 * where PUBLIC may create there (PostgreSQL 14's default), the website's login could define, say, a
 * `public.convert_to(text, text)` that matched `convert_to(token, 'UTF8')` better than the built-in
 * and ran it with the owner's rights.
 */
export class DefinerFunctionsPinned1764100000025 implements MigrationInterface {
  name = 'DefinerFunctionsPinned1764100000025'

  async up(q: QueryRunner): Promise<void> {
    // The schema's owner revokes it; where the migrating role does not own `public`, the install step
    // in the docs has the administrator do it, and the test of every definer function holds either way.
    await q.query(`DO $$ BEGIN
      IF pg_catalog.has_schema_privilege('public', 'public', 'CREATE') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      END IF;
    END $$`)
    for (const definition of PINNED_FUNCTIONS) await q.query(definition)
  }

  async down(q: QueryRunner): Promise<void> {
    // The bodies before were the same but unqualified; searching `public` again is never wanted.
    for (const name of PINNED_NAMES)
      await q.query(`ALTER FUNCTION public.${name} SET search_path = public, pg_temp`)
  }
}

const PINNED = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`

const PINNED_NAMES = [
  'log_change()',
  'bump_version()',
  'staff_history_record()',
  'portal_activate(text)',
  'portal_set_password(text, text)',
  'portal_password_hash(text)',
  'request_arrived()',
  'log_attachment_change()',
  'request_documents_arrived()',
  'log_statement_changes()',
  'question_link()',
  'question_arrived()',
  'question_reply_arrived()',
]

const PINNED_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION public.log_change() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      INSERT INTO public.change_log (table_name, op, row_data) VALUES (TG_TABLE_NAME, 'D', to_jsonb(OLD));
    ELSE
      INSERT INTO public.change_log (table_name, op, row_data)
      VALUES (TG_TABLE_NAME, CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END, to_jsonb(NEW));
    END IF;
    -- One notification per transaction (PostgreSQL folds identical ones), delivered at commit.
    PERFORM pg_notify('vodokanal_changes', '');
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.bump_version() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.staff_history_record() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    IF TG_OP = 'INSERT' OR NEW.role IS DISTINCT FROM OLD.role OR NEW.active IS DISTINCT FROM OLD.active THEN
      INSERT INTO public.staff_history (login, role, active) VALUES (NEW.login, NEW.role, NEW.active);
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.portal_activate(token text) RETURNS text LANGUAGE plpgsql ${PINNED} AS $$
  DECLARE
    activated_account text;
    chosen_hash text;
  BEGIN
    UPDATE public.portal_registrations SET state = 'activated', activated_at = now()
    WHERE activation_token = token AND state = 'confirmed'
    RETURNING account_number, password_hash INTO activated_account, chosen_hash;
    IF activated_account IS NULL THEN
      RETURN NULL;
    END IF;
    UPDATE public.cabinets SET state = 'active', updated_at = now()
    WHERE account_id = (SELECT a.id FROM public.accounts a WHERE a.number = activated_account);
    INSERT INTO public.portal_passwords (account_number, password_hash) VALUES (activated_account, chosen_hash)
    ON CONFLICT (account_number) DO UPDATE SET password_hash = excluded.password_hash, set_at = now();
    RETURN activated_account;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.portal_set_password(token text, new_hash text) RETURNS text
  LANGUAGE plpgsql ${PINNED} AS $$
  DECLARE
    reset public.portal_password_resets%ROWTYPE;
  BEGIN
    IF new_hash IS NULL OR length(new_hash) < 20 THEN
      RAISE EXCEPTION 'new_hash is not a password hash' USING ERRCODE = '22023';
    END IF;
    SELECT * INTO reset FROM public.portal_password_resets
    WHERE token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex') FOR UPDATE;
    IF NOT FOUND THEN
      RETURN 'unknownToken';
    END IF;
    IF reset.state = 'used' THEN
      RETURN 'used';
    END IF;
    IF reset.state = 'expired' OR reset.expires_at <= now() THEN
      UPDATE public.portal_password_resets SET state = 'expired' WHERE id = reset.id;
      RETURN 'expired';
    END IF;
    INSERT INTO public.portal_passwords (account_number, password_hash) VALUES (reset.account_number, new_hash)
    ON CONFLICT (account_number) DO UPDATE SET password_hash = excluded.password_hash, set_at = now();
    UPDATE public.portal_password_resets SET state = 'used', used_at = now() WHERE id = reset.id;
    RETURN 'changed';
  END $$`,
  `CREATE OR REPLACE FUNCTION public.portal_password_hash(account text) RETURNS text
  LANGUAGE sql STABLE ${PINNED} AS $$
    SELECT p.password_hash FROM public.portal_passwords p
    JOIN public.accounts a ON a.number = p.account_number
    JOIN public.cabinets c ON c.account_id = a.id AND c.state = 'active'
    WHERE p.account_number = account
  $$`,
  `CREATE OR REPLACE FUNCTION public.request_arrived() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    INSERT INTO public.portal_request_steps (request_id, from_state, to_state, at)
    VALUES (NEW.id, NULL, 'new', NEW.submitted_at);
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.log_attachment_change() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    INSERT INTO public.change_log (table_name, op, row_data)
    VALUES (TG_TABLE_NAME, CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END, to_jsonb(NEW) - 'content');
    PERFORM pg_notify('vodokanal_changes', '');
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.request_documents_arrived() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    UPDATE public.portal_requests SET state = 'inReview' WHERE id = NEW.request_id AND state = 'awaitingDocuments';
    IF FOUND THEN
      INSERT INTO public.portal_request_steps (request_id, from_state, to_state, reason)
      VALUES (NEW.request_id, 'awaiting_documents', 'in_review', 'Абонент прислал документы: ' || NEW.file_name);
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.log_statement_changes() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      INSERT INTO public.change_log (table_name, op, row_data) SELECT TG_TABLE_NAME, 'D', to_jsonb(o) FROM old_rows o;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO public.change_log (table_name, op, row_data) SELECT TG_TABLE_NAME, 'I', to_jsonb(n) FROM new_rows n;
    ELSE
      INSERT INTO public.change_log (table_name, op, row_data) SELECT TG_TABLE_NAME, 'U', to_jsonb(n) FROM new_rows n;
    END IF;
    IF FOUND THEN
      PERFORM pg_notify('vodokanal_changes', '');
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.question_link() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    NEW.linked_account := (SELECT a.number FROM public.accounts a WHERE a.number = NEW.account_number);
    IF NEW.reply_by = 'email' AND NEW.email IS NULL THEN
      NEW.reply_by := 'phone';
    END IF;
    RETURN NEW;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.question_arrived() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  DECLARE
    settings public.inbox_settings;
    chosen text;
  BEGIN
    INSERT INTO public.portal_feedback_steps (feedback_id, from_state, to_state, staff_login, assignee, at)
    VALUES (NEW.id, NULL, NEW.state, NEW.logged_by, NEW.assigned_to, NEW.submitted_at);
    IF NEW.assigned_to IS NOT NULL THEN
      RETURN NULL;
    END IF;
    SELECT * INTO settings FROM public.inbox_settings WHERE id = 1;
    IF NOT settings.round_robin THEN
      RETURN NULL;
    END IF;
    -- One assignment at a time, so two questions arriving together go to two people.
    PERFORM pg_advisory_xact_lock(hashtext('question_rotation'));
    SELECT s.login INTO chosen FROM public.staff s LEFT JOIN public.question_rotation r ON r.login = s.login
    WHERE s.active AND s.role IN ('operator', 'clerk')
      AND EXISTS (SELECT 1 FROM public.staff_tokens t WHERE t.login = s.login AND t.expires_at > now())
      AND (SELECT count(*) FROM public.portal_feedback f WHERE f.assigned_to = s.login AND f.state IN ('new', 'taken'))
        < settings.open_cap
    ORDER BY r.last_given_at NULLS FIRST, s.login
    LIMIT 1;
    IF chosen IS NULL THEN
      RETURN NULL;
    END IF;
    UPDATE public.portal_feedback SET assigned_to = chosen, state = 'taken' WHERE id = NEW.id;
    INSERT INTO public.portal_feedback_steps (feedback_id, from_state, to_state, assignee, reason)
    VALUES (NEW.id, 'new', 'taken', chosen, 'rotation');
    INSERT INTO public.question_rotation (login, last_given_at) VALUES (chosen, clock_timestamp())
    ON CONFLICT (login) DO UPDATE SET last_given_at = excluded.last_given_at;
    RETURN NULL;
  END $$`,
  `CREATE OR REPLACE FUNCTION public.question_reply_arrived() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  DECLARE
    was text;
    now_state text;
  BEGIN
    SELECT state INTO was FROM public.portal_feedback WHERE id = NEW.feedback_id FOR UPDATE;
    IF was NOT IN ('waiting', 'answered', 'closed') THEN
      RETURN NULL;
    END IF;
    UPDATE public.portal_feedback SET state = CASE WHEN assigned_to IS NULL THEN 'new' ELSE 'taken' END
    WHERE id = NEW.feedback_id RETURNING state INTO now_state;
    INSERT INTO public.portal_feedback_steps (feedback_id, from_state, to_state, at, reason)
    VALUES (NEW.feedback_id, was, now_state, NEW.at, 'reply');
    RETURN NULL;
  END $$`,
]
