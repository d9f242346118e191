import type { MigrationInterface, QueryRunner } from 'typeorm'

const SUBSCRIBER = `current_setting('vodokanal.account', true)`

/**
 * Two rules on what the website writes (docs/portal-contract.md, ground rules):
 * - every text it writes is stored in Unicode NFC, whatever the subscriber's browser sent, so "ё"
 *   typed as "е" + U+0308 matches the "ё" staff type, and a length check counts letters alike. A
 *   trigger per table, made from the website's INSERT grants, normalises those columns before the
 *   checks and the other triggers see the row; it fires first (its name sorts first).
 * - a closure or re-registration request is filed only for the subscriber the transaction names.
 */
export class WebsiteTextAndRequests1764100000029 implements MigrationInterface {
  name = 'WebsiteTextAndRequests1764100000029'

  async up(q: QueryRunner): Promise<void> {
    const columns: { table: string; column: string }[] = await q.query(
      `SELECT p.table_name AS table, p.column_name AS column FROM information_schema.column_privileges p
      JOIN information_schema.columns c USING (table_schema, table_name, column_name)
      JOIN pg_class r ON r.oid = ('public.' || p.table_name)::regclass AND r.relkind = 'r'
      WHERE p.grantee = 'vodokanal_website' AND p.privilege_type = 'INSERT' AND p.table_schema = 'public'
      AND c.data_type = 'text' ORDER BY p.table_name, c.ordinal_position`,
    )
    const byTable = new Map<string, string[]>()
    for (const { table, column } of columns) byTable.set(table, [...(byTable.get(table) ?? []), column])
    for (const [table, names] of byTable) {
      await q.query(`CREATE FUNCTION public.${table}_nfc() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
          ${names.map((n) => `NEW.${n} := normalize(NEW.${n}, NFC);`).join('\n          ')}
          RETURN NEW;
        END $$`)
      await q.query(`CREATE TRIGGER a0_${table}_nfc BEFORE INSERT ON public.${table}
        FOR EACH ROW EXECUTE FUNCTION public.${table}_nfc()`)
    }
    await q.query(
      `ALTER POLICY website_writes ON public.portal_requests WITH CHECK (account_number = ${SUBSCRIBER})`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER POLICY website_writes ON public.portal_requests WITH CHECK (true)`)
    const triggers: { table: string; name: string }[] = await q.query(
      `SELECT tgrelid::regclass::text AS table, tgname AS name FROM pg_trigger WHERE tgname LIKE 'a0\\_%\\_nfc'`,
    )
    for (const t of triggers) {
      await q.query(`DROP TRIGGER ${t.name} ON ${t.table}`)
      await q.query(`DROP FUNCTION ${t.table}_nfc()`)
    }
  }
}
