import type { MigrationInterface, QueryRunner } from 'typeorm'
import { digitsSql, searchValuesSql } from './1764000000003-account-search'

const SEARCHED = [
  'surname',
  'first_name',
  'patronymic',
  'street',
  'house',
  'building',
  'apartment',
  'district',
  'email',
]

/**
 * Sync writes whole central rows (`ON CONFLICT DO UPDATE SET` every column), and SQLite fires an
 * `UPDATE OF` trigger for every column named in the SET list, changed or not: each pulled phone edit
 * rewrote the account's search entry. The triggers now fire only when a searched value really changed.
 */
export class SearchTriggersOnRealChanges1764000000011 implements MigrationInterface {
  name = 'SearchTriggersOnRealChanges1764000000011'

  async up(q: QueryRunner): Promise<void> {
    const values = searchValuesSql()
    await q.query(`DROP TRIGGER accounts_search_update`)
    await q.query(`CREATE TRIGGER accounts_search_update AFTER UPDATE OF ${SEARCHED.join(', ')} ON accounts
      WHEN ${SEARCHED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')} BEGIN
      DELETE FROM account_search WHERE rowid = old.id;
      INSERT INTO account_search (rowid, owner, address, email) VALUES (${values});
    END`)
    await q.query(`DROP TRIGGER accounts_phone_update`)
    await q.query(`CREATE TRIGGER accounts_phone_update AFTER UPDATE OF phone ON accounts
      WHEN old.phone IS NOT new.phone BEGIN
      UPDATE accounts SET phone_digits = ${digitsSql('new.phone')} WHERE id = new.id;
    END`)
  }

  async down(q: QueryRunner): Promise<void> {
    void q
    throw new Error('Not reversible: the previous triggers did the same work, only more often.')
  }
}
