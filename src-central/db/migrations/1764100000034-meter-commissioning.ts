import type { MigrationInterface, QueryRunner } from 'typeorm'

const TEXT = (field: string, max: number) =>
  `public.portal_filled(details->>'${field}') AND length(details->>'${field}') <= ${max}`

/**
 * A new meter put into service (docs/business-rules.md#a-new-meter-put-into-service; docs/portal-contract.md,
 * version 3.3): the third kind of request, `meterCommissioning`, with its own fields in `details`, checked
 * here as the consoles check them (shared/domain/requests/kinds/meter-commissioning/fields.ts). A date
 * that does not exist is refused by the check, not by a cast error.
 */
export class MeterCommissioning1764100000034 implements MigrationInterface {
  name = 'MeterCommissioning1764100000034'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION public.portal_date(value text) RETURNS date
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF value !~ '^\\d{4}-\\d{2}-\\d{2}$' THEN RETURN NULL; END IF;
        RETURN CASE WHEN to_char(value::date, 'YYYY-MM-DD') = value THEN value::date END;
      EXCEPTION WHEN others THEN RETURN NULL;
      END $$`)
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_request_details_ok(kind text, details jsonb)
      RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
        SELECT CASE kind
          WHEN 'closure' THEN details IS NULL
          WHEN 'reRegistration' THEN details IS NULL
          WHEN 'meterCommissioning' THEN coalesce(
            details->>'reason' IN ('replacement', 'verification')
            AND ${TEXT('replacedSerial', 40)} AND ${TEXT('newSerial', 40)}
            AND ${TEXT('model', 60)} AND ${TEXT('place', 60)} AND ${TEXT('sealNumber', 40)}
            AND (details->'digits' IS NULL OR (jsonb_typeof(details->'digits') = 'number'
              AND (details->>'digits') IN ('4', '5', '6', '7', '8')))
            AND public.portal_date(details->>'nextVerificationOn') > public.portal_date(details->>'verifiedOn')
            AND public.portal_date(details->>'nextVerificationOn') <= public.portal_date(details->>'verifiedOn') + interval '16 years'
            AND details->>'initialReading' ~ '^\\d{1,8}([.,]\\d{1,3})?$', false)
          ELSE false END $$`)
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.3'::text $$`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '3.2'::text $$`)
    await q.query(`CREATE OR REPLACE FUNCTION public.portal_request_details_ok(kind text, details jsonb)
      RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
        SELECT CASE kind WHEN 'closure' THEN details IS NULL WHEN 'reRegistration' THEN details IS NULL
          ELSE false END $$`)
    await q.query(`DROP FUNCTION public.portal_date(text)`)
  }
}
