import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The console's side of what every kind of request shares (docs/architecture.md#adding-a-request-kind):
 * a request's own fields (`details`, the JSON its kind declares) and a meter's model, seal and the
 * reading it was put into service with. `service_requests`, the table of an early design that the
 * website's requests replaced, held nothing and is dropped.
 */
export class RequestKindsCore1764000000031 implements MigrationInterface {
  name = 'RequestKindsCore1764000000031'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE web_requests ADD COLUMN details TEXT`)
    await q.query(`ALTER TABLE meters ADD COLUMN model TEXT`)
    await q.query(`ALTER TABLE meters ADD COLUMN seal_number TEXT`)
    await q.query(`ALTER TABLE meters ADD COLUMN initial_value_milli INTEGER`)
    await q.query(`DROP TABLE IF EXISTS service_requests`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meters DROP COLUMN initial_value_milli`)
    await q.query(`ALTER TABLE meters DROP COLUMN seal_number`)
    await q.query(`ALTER TABLE meters DROP COLUMN model`)
    await q.query(`ALTER TABLE web_requests DROP COLUMN details`)
  }
}
