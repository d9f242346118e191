import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * How much the website may write (docs/portal-contract.md#limits), per key and rolling window.
 * `key` is an SQL expression over NEW; `since` limits the count to a window, or counts every row.
 */
export const WEBSITE_LIMITS = [
  {
    name: 'portal_readings_daily_limit',
    table: 'portal_readings',
    key: 'account_number',
    at: 'submitted_at',
    max: 30,
  },
  {
    name: 'portal_registrations_daily_limit',
    table: 'portal_registrations',
    key: 'account_number',
    at: 'submitted_at',
    max: 5,
  },
  {
    name: 'portal_questions_daily_limit',
    table: 'portal_questions',
    key: `coalesce(account_number, lower(email), phone)`,
    at: 'submitted_at',
    max: 10,
  },
  {
    name: 'portal_question_messages_daily_limit',
    table: 'portal_question_messages',
    key: 'question_id',
    at: 'at',
    max: 30,
  },
  {
    name: 'portal_requests_daily_limit',
    table: 'portal_requests',
    key: 'account_number',
    at: 'submitted_at',
    max: 5,
  },
] as const

/** Files the website may attach to one request, and their size in all (what one counter push carries). */
export const WEBSITE_ATTACHMENTS_PER_REQUEST = 10
export const WEBSITE_ATTACHMENT_BYTES_PER_REQUEST = 48 * 1024 * 1024

/**
 * The connection is a website login: one that holds the website role's rights (not merely a member, as
 * PostgreSQL 16 makes the role's creator; nor a superuser, who holds every role's).
 */
const FROM_WEBSITE = `pg_catalog.pg_has_role(session_user, 'vodokanal_website', 'USAGE')
  AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user)`

/**
 * Two rules the website's contract 3.1 states (docs/portal-contract.md):
 * - **One accepted reading per meter and period.** A later web reading accepted for the same meter and
 *   period replaces the earlier one, which is marked `replaced_by` (the database refuses a second one
 *   unmarked); readings accepted twice before are marked now, the latest decision kept.
 * - **Limits on what the website writes**, per subscriber and day, and per request for attachments.
 *   They are counted by the owner (SECURITY DEFINER) over every row, not just those the website's row
 *   policies show, one writer per key at a time (an advisory lock), and apply to the website's logins
 *   only: staff at the counter are not rationed. A refusal is SQLSTATE 54000 with the limit's name.
 */
export class WebsiteLimitsAndOneAcceptedReading1764100000030 implements MigrationInterface {
  name = 'WebsiteLimitsAndOneAcceptedReading1764100000030'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_readings ADD COLUMN replaced_by bigint REFERENCES portal_readings (id)`)
    await q.query(`WITH ranked AS (
        SELECT id, first_value(id) OVER (PARTITION BY account_number, meter_serial, period
          ORDER BY decided_at DESC NULLS LAST, id DESC) AS latest
        FROM portal_readings WHERE state = 'accepted' AND period IS NOT NULL
      )
      UPDATE portal_readings p SET replaced_by = r.latest FROM ranked r WHERE p.id = r.id AND r.latest <> r.id`)
    await q.query(`CREATE UNIQUE INDEX portal_readings_one_accepted ON portal_readings
      (account_number, meter_serial, period) WHERE state = 'accepted' AND replaced_by IS NULL`)
    await q.query(`GRANT SELECT (replaced_by) ON portal_readings TO vodokanal_website`)

    for (const limit of WEBSITE_LIMITS) {
      await q.query(
        `CREATE INDEX ${limit.table}_by_writer ON public.${limit.table} ((${limit.key}), ${limit.at})`,
      )
      await q.query(`CREATE FUNCTION public.${limit.name}() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
          written bigint;
        BEGIN
          IF NOT (${FROM_WEBSITE}) THEN RETURN NEW; END IF;
          PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('${limit.name}:' || (${prefixed(limit.key)})::text));
          SELECT count(*) INTO written FROM public.${limit.table} t
            WHERE (${prefixed(limit.key, 't.')}) = (${prefixed(limit.key)})
            AND t.${limit.at} > pg_catalog.now() - interval '24 hours';
          IF written >= ${limit.max} THEN
            RAISE EXCEPTION 'at most ${limit.max} rows of ${limit.table} a day for one subscriber'
              USING ERRCODE = 'program_limit_exceeded', CONSTRAINT = '${limit.name}', TABLE = '${limit.table}';
          END IF;
          RETURN NEW;
        END $$`)
      await q.query(`REVOKE ALL ON FUNCTION public.${limit.name}() FROM PUBLIC`)
      await q.query(`CREATE TRIGGER a1_${limit.name} BEFORE INSERT ON public.${limit.table}
        FOR EACH ROW EXECUTE FUNCTION public.${limit.name}()`)
    }

    await q.query(`CREATE FUNCTION public.portal_request_attachments_limit() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        files bigint;
        bytes bigint;
      BEGIN
        IF NOT (${FROM_WEBSITE}) THEN RETURN NEW; END IF;
        PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('portal_request_attachments_limit:' || NEW.request_id));
        SELECT count(*), coalesce(sum(size_bytes), 0) INTO files, bytes
          FROM public.portal_request_attachments WHERE request_id = NEW.request_id;
        IF files >= ${WEBSITE_ATTACHMENTS_PER_REQUEST}
          OR bytes + NEW.size_bytes > ${WEBSITE_ATTACHMENT_BYTES_PER_REQUEST} THEN
          RAISE EXCEPTION 'at most ${WEBSITE_ATTACHMENTS_PER_REQUEST} files and 48 MiB in all for one request'
            USING ERRCODE = 'program_limit_exceeded', CONSTRAINT = 'portal_request_attachments_limit',
            TABLE = 'portal_request_attachments';
        END IF;
        RETURN NEW;
      END $$`)
    await q.query(`REVOKE ALL ON FUNCTION public.portal_request_attachments_limit() FROM PUBLIC`)
    await q.query(`CREATE TRIGGER a1_portal_request_attachments_limit BEFORE INSERT
      ON public.portal_request_attachments FOR EACH ROW EXECUTE FUNCTION public.portal_request_attachments_limit()`)

    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.1'::text $$`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.0'::text $$`)
    await q.query(`DROP TRIGGER a1_portal_request_attachments_limit ON public.portal_request_attachments`)
    await q.query(`DROP FUNCTION public.portal_request_attachments_limit()`)
    for (const limit of WEBSITE_LIMITS) {
      await q.query(`DROP TRIGGER a1_${limit.name} ON public.${limit.table}`)
      await q.query(`DROP FUNCTION public.${limit.name}()`)
      await q.query(`DROP INDEX public.${limit.table}_by_writer`)
    }
    await q.query(`DROP INDEX portal_readings_one_accepted`)
    await q.query(`ALTER TABLE portal_readings DROP COLUMN replaced_by`)
  }
}

/** The key expression over NEW (or another row alias): column names get the prefix. */
function prefixed(key: string, prefix = 'NEW.'): string {
  return key.replace(/\b(account_number|email|phone|question_id)\b/g, `${prefix}$1`)
}
