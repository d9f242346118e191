import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The website's contract version readable at run time (docs/portal-contract.md): the website checks
 * at its start that the database speaks the version it was built for. Immutable and plain SQL, so it
 * needs no owner's rights.
 */
export class ContractVersion1764100000027 implements MigrationInterface {
  name = 'ContractVersion1764100000027'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION public.portal_contract_version() RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ SELECT '2.5'::text $$`)
    await q.query(`REVOKE ALL ON FUNCTION public.portal_contract_version() FROM PUBLIC`)
    await q.query(
      `GRANT EXECUTE ON FUNCTION public.portal_contract_version() TO vodokanal_website, vodokanal_central`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public.portal_contract_version()`)
  }
}
