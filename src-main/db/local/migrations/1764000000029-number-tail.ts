import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Callers read out the end of an account number ("…13306"): the last five digits are a look-up
 * (docs/business-rules.md#finding-the-callers-account).
 */
export class NumberTail1764000000029 implements MigrationInterface {
  name = 'NumberTail1764000000029'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX accounts_number_tail ON accounts (substr(number, -5))`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accounts_number_tail`)
  }
}
