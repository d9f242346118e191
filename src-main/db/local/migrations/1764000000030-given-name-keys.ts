import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * "Фёдоров Иван" is a look-up (docs/business-rules.md#finding-the-callers-account): the first name's and
 * the patronymic's search keys sit in the surname's index beside it, so narrowing a common surname by a
 * given name reads the index, not a search key computed for every row of that surname.
 */
export class GivenNameKeys1764000000030 implements MigrationInterface {
  name = 'GivenNameKeys1764000000030'

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE accounts ADD COLUMN first_name_key TEXT GENERATED ALWAYS AS (search_key(first_name)) VIRTUAL`,
    )
    await q.query(
      `ALTER TABLE accounts ADD COLUMN patronymic_key TEXT
        GENERATED ALWAYS AS (search_key(coalesce(patronymic, ''))) VIRTUAL`,
    )
    await q.query(`CREATE INDEX accounts_person ON accounts (surname_key, first_name_key, patronymic_key)`)
    // The new index begins with the surname: the old one would only be kept up to date for nothing.
    await q.query(`DROP INDEX accounts_surname_key`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX accounts_surname_key ON accounts (surname_key)`)
    await q.query(`DROP INDEX accounts_person`)
    await q.query(`ALTER TABLE accounts DROP COLUMN patronymic_key`)
    await q.query(`ALTER TABLE accounts DROP COLUMN first_name_key`)
  }
}
