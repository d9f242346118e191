import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Master data from billing (docs/portal-contract.md): new accounts and meters
 * get their ids from sequences here, since billing knows them by account number and serial only.
 */
export class BillingImport1764100000013 implements MigrationInterface {
  name = 'BillingImport1764100000013'

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['accounts', 'meters']) {
      await q.query(`CREATE SEQUENCE ${table}_id_seq OWNED BY ${table}.id`)
      await q.query(
        `SELECT setval('${table}_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`,
      )
      await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT nextval('${table}_id_seq')`)
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['accounts', 'meters']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN id DROP DEFAULT`)
      await q.query(`DROP SEQUENCE ${table}_id_seq`)
    }
  }
}
