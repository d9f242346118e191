import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What every kind of request shares (docs/architecture.md#adding-a-request-kind; docs/portal-contract.md,
 * version 3.2):
 * - `portal_requests.details`: a kind's own fields as one JSON object, which the website writes for a
 *   kind that has them; `portal_request_details_ok(kind, details)` says which kinds exist and what
 *   their details must hold, and a kind's own migration redefines it when it adds a kind;
 * - the `awaitingVisit` state: an inspector sent, for the kinds that may send one;
 * - the new owner's fields required of a re-registration only (they were required of every kind but a
 *   closure, which held while there were two);
 * - a meter's model, seal and the reading it was put into service with (`initial_value_milli`): its
 *   first reading is compared with that one, never with the meter it replaced.
 */
export class RequestKindsCore1764100000033 implements MigrationInterface {
  name = 'RequestKindsCore1764100000033'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_requests ADD COLUMN details jsonb
      CONSTRAINT portal_requests_details_check CHECK (details IS NULL
        OR (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 4000))`)
    await q.query(`CREATE FUNCTION public.portal_request_details_ok(kind text, details jsonb) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
        SELECT CASE kind WHEN 'closure' THEN details IS NULL WHEN 'reRegistration' THEN details IS NULL
          ELSE false END $$`)
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_kind_check`)
    // The same name, now asking the kind's own fields too: the website's error mapping stays.
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_kind_check
      CHECK (public.portal_request_details_ok(kind, details)) NOT VALID`)
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_check`)
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_new_owner_filled`)
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_new_owner_filled
      CHECK (kind <> 'reRegistration' OR (portal_filled(new_owner_surname) AND portal_filled(new_owner_first_name)
        AND effective_on IS NOT NULL)) NOT VALID`)
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_state_check`)
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_state_check CHECK (state IN
      ('new', 'inReview', 'awaitingDocuments', 'awaitingVisit', 'approved', 'rejected', 'completed'))`)
    await q.query(`GRANT INSERT (details) ON portal_requests TO vodokanal_website`)
    await q.query(`GRANT SELECT (details) ON portal_requests TO vodokanal_website`)

    await q.query(`ALTER TABLE meters ADD COLUMN model text, ADD COLUMN seal_number text,
      ADD COLUMN initial_value_milli bigint CHECK (initial_value_milli >= 0)`)
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.2'::text $$`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.1'::text $$`)
    await q.query(
      `ALTER TABLE meters DROP COLUMN initial_value_milli, DROP COLUMN seal_number, DROP COLUMN model`,
    )
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_state_check`)
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_state_check CHECK (state IN
      ('new', 'inReview', 'awaitingDocuments', 'approved', 'rejected', 'completed'))`)
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_new_owner_filled`)
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_new_owner_filled
      CHECK (kind = 'closure' OR (portal_filled(new_owner_surname) AND portal_filled(new_owner_first_name)
        AND effective_on IS NOT NULL)) NOT VALID`)
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_check
      CHECK (kind = 'closure' OR (new_owner_surname IS NOT NULL AND effective_on IS NOT NULL))`)
    await q.query(`ALTER TABLE portal_requests DROP CONSTRAINT portal_requests_kind_check`)
    // The same name, now asking the kind's own fields too: the website's error mapping stays.
    await q.query(`ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_kind_check
      CHECK (kind IN ('closure', 'reRegistration'))`)
    await q.query(`DROP FUNCTION public.portal_request_details_ok(text, jsonb)`)
    await q.query(`ALTER TABLE portal_requests DROP COLUMN details`)
  }
}
