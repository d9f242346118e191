import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Old name → new name, longest first, so a table's name is replaced before its prefix. */
const RENAMES: readonly (readonly [string, string])[] = [
  ['portal_feedback_messages', 'portal_question_messages'],
  ['portal_feedback_steps', 'portal_question_steps'],
  ['portal_feedback', 'portal_questions'],
  ['feedback_id', 'question_id'],
]
const renamed = (name: string): string =>
  RENAMES.reduce((text, [from, to]) => text.split(from).join(to), name)

const PINNED = 'SECURITY DEFINER SET search_path = pg_catalog, pg_temp'

/**
 * The two functions that write question steps, as migration 25 pinned them, with the new names:
 * PL/pgSQL names its tables as text, so a rename does not reach into them.
 */
const QUESTION_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION public.question_arrived() RETURNS trigger LANGUAGE plpgsql ${PINNED} AS $$
  DECLARE
    settings public.inbox_settings;
    chosen text;
  BEGIN
    INSERT INTO public.portal_question_steps (question_id, from_state, to_state, staff_login, assignee, at)
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
      AND (SELECT count(*) FROM public.portal_questions f WHERE f.assigned_to = s.login AND f.state IN ('new', 'taken'))
        < settings.open_cap
    ORDER BY r.last_given_at NULLS FIRST, s.login
    LIMIT 1;
    IF chosen IS NULL THEN
      RETURN NULL;
    END IF;
    UPDATE public.portal_questions SET assigned_to = chosen, state = 'taken' WHERE id = NEW.id;
    INSERT INTO public.portal_question_steps (question_id, from_state, to_state, assignee, reason)
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
    SELECT state INTO was FROM public.portal_questions WHERE id = NEW.question_id FOR UPDATE;
    IF was NOT IN ('waiting', 'answered', 'closed') THEN
      RETURN NULL;
    END IF;
    UPDATE public.portal_questions SET state = CASE WHEN assigned_to IS NULL THEN 'new' ELSE 'taken' END
    WHERE id = NEW.question_id RETURNING state INTO now_state;
    INSERT INTO public.portal_question_steps (question_id, from_state, to_state, at, reason)
    VALUES (NEW.question_id, was, now_state, NEW.at, 'reply');
    RETURN NULL;
  END $$`,
]

/** The website's two old names, kept as views until the date docs/portal-contract.md states. */
const OLD_NAMES_FOR_THE_WEBSITE = [
  { view: 'portal_feedback', table: 'portal_questions' },
  { view: 'portal_feedback_messages', table: 'portal_question_messages' },
]

/**
 * One name for a question everywhere (docs/central-service.md#one-name-for-questions): the tables
 * the website's first contract called "feedback" become `portal_questions`, `portal_question_messages`
 * and `portal_question_steps`, with `question_id`; their constraints, indexes, sequences and triggers
 * follow. Contract 3.0: the website's two old names stay as views that run with the website's own
 * rights (`security_invoker`, PostgreSQL 15), so its row policies still decide; consoles that have not
 * updated get the old names in the feed from the service. The feed's history, and letters not sent
 * yet, are rewritten to the new names.
 */
export class OneNameForQuestions1764100000028 implements MigrationInterface {
  name = 'OneNameForQuestions1764100000028'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public.portal_feedback RENAME TO portal_questions`)
    await q.query(`ALTER TABLE public.portal_feedback_messages RENAME TO portal_question_messages`)
    await q.query(`ALTER TABLE public.portal_feedback_steps RENAME TO portal_question_steps`)
    await q.query(`ALTER TABLE public.portal_question_messages RENAME COLUMN feedback_id TO question_id`)
    await q.query(`ALTER TABLE public.portal_question_steps RENAME COLUMN feedback_id TO question_id`)
    await this.renameParts(q)
    for (const definition of QUESTION_FUNCTIONS) await q.query(definition)
    await this.keepOldNamesForTheWebsite(q)

    const tableCase = RENAMES.slice(0, 3)
      .map(([from, to]) => `WHEN '${from}' THEN '${to}'`)
      .join(' ')
    await q.query(`UPDATE public.change_log SET table_name = CASE table_name ${tableCase} END,
      row_data = CASE WHEN row_data ? 'feedback_id'
        THEN row_data - 'feedback_id' || jsonb_build_object('question_id', row_data -> 'feedback_id')
        ELSE row_data END
      WHERE table_name IN ('portal_feedback', 'portal_feedback_messages', 'portal_feedback_steps')`)
    await q.query(
      `UPDATE public.outgoing_mail SET template = 'questionAnswer' WHERE template = 'feedbackAnswer'`,
    )
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.0'::text $$`)
  }

  /** Constraints, indexes, sequences and triggers named after the old tables, renamed alike. */
  private async renameParts(q: QueryRunner): Promise<void> {
    const tables = `('public.portal_questions'::regclass, 'public.portal_question_messages'::regclass,
      'public.portal_question_steps'::regclass)`
    const constraints: { tab: string; name: string }[] = await q.query(
      `SELECT conrelid::regclass::text AS tab, conname AS name FROM pg_constraint
      WHERE conrelid IN ${tables} AND conname LIKE '%feedback%'`,
    )
    for (const c of constraints)
      await q.query(`ALTER TABLE ${c.tab} RENAME CONSTRAINT "${c.name}" TO "${renamed(c.name)}"`)
    // Indexes behind constraints were renamed with them.
    const indexes: { name: string }[] = await q.query(
      `SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid IN ${tables} AND i.relname LIKE '%feedback%'`,
    )
    for (const i of indexes) await q.query(`ALTER INDEX public."${i.name}" RENAME TO "${renamed(i.name)}"`)
    const sequences: { name: string }[] = await q.query(
      `SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace
      AND relname LIKE 'portal_feedback%'`,
    )
    for (const s of sequences)
      await q.query(`ALTER SEQUENCE public."${s.name}" RENAME TO "${renamed(s.name)}"`)
    // Triggers fire in name order; the common prefix changes alike, so their order stays.
    const triggers: { tab: string; name: string }[] = await q.query(
      `SELECT tgrelid::regclass::text AS tab, tgname AS name FROM pg_trigger
      WHERE tgrelid IN ${tables} AND NOT tgisinternal AND tgname LIKE '%feedback%'`,
    )
    for (const t of triggers)
      await q.query(`ALTER TRIGGER "${t.name}" ON ${t.tab} RENAME TO "${renamed(t.name)}"`)
  }

  /**
   * Views over the new tables under the old names, with the old column name, granted exactly what the
   * website may do on the table. A view that runs with its reader's rights needs the right to read
   * every column it names, so it names only what the website may read; the columns the website may
   * only write are NULL in it, and an INSTEAD OF trigger, also run with the website's rights and row
   * policies, takes an insert through to the table.
   */
  private async keepOldNamesForTheWebsite(q: QueryRunner): Promise<void> {
    for (const { view, table } of OLD_NAMES_FOR_THE_WEBSITE) {
      const grants: { privilege: 'SELECT' | 'INSERT'; column: string; type: string }[] = await q.query(
        `SELECT p.privilege_type AS privilege, p.column_name AS column,
          format_type(a.atttypid, a.atttypmod) AS type
        FROM information_schema.column_privileges p
        JOIN pg_attribute a ON a.attrelid = ('public.' || p.table_name)::regclass AND a.attname = p.column_name
        WHERE p.grantee = 'vodokanal_website' AND p.table_schema = 'public' AND p.table_name = $1
        AND p.privilege_type IN ('SELECT', 'INSERT') ORDER BY a.attnum`,
        [table],
      )
      const old = (column: string) => (column === 'question_id' ? 'feedback_id' : column)
      const readable = grants.filter((g) => g.privilege === 'SELECT').map((g) => g.column)
      const writable = grants.filter((g) => g.privilege === 'INSERT')
      const writeOnly = writable.filter((g) => !readable.includes(g.column))
      const list = [
        ...readable.map((c) => (c === old(c) ? c : `${c} AS ${old(c)}`)),
        ...writeOnly.map((g) => `NULL::${g.type} AS ${old(g.column)}`),
      ]
      await q.query(`CREATE VIEW public.${view} WITH (security_invoker = true) AS
        SELECT ${list.join(', ')} FROM public.${table}`)
      await q.query(`GRANT SELECT (${readable.map(old).join(', ')}) ON public.${view} TO vodokanal_website`)
      await q.query(
        `GRANT INSERT (${writable.map((g) => old(g.column)).join(', ')}) ON public.${view} TO vodokanal_website`,
      )
      if (writeOnly.length === 0) continue
      const columns = writable.map((g) => g.column)
      await q.query(`CREATE FUNCTION public.${view}_insert() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
          INSERT INTO public.${table} (${columns.join(', ')})
          VALUES (${columns.map((c) => `NEW.${old(c)}`).join(', ')})
          RETURNING ${readable.join(', ')} INTO ${readable.map((c) => `NEW.${old(c)}`).join(', ')};
          RETURN NEW;
        END $$`)
      await q.query(`REVOKE ALL ON FUNCTION public.${view}_insert() FROM PUBLIC`)
      await q.query(`GRANT EXECUTE ON FUNCTION public.${view}_insert() TO vodokanal_website`)
      await q.query(`CREATE TRIGGER ${view}_insert INSTEAD OF INSERT ON public.${view}
        FOR EACH ROW EXECUTE FUNCTION public.${view}_insert()`)
    }
  }

  async down(): Promise<void> {
    // The feed's history and the letters were rewritten: going back is a restore from the backup.
    throw new Error('Нельзя откатить переименование обращений: восстановите базу из резервной копии.')
  }
}
