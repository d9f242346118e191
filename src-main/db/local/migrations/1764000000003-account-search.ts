import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Instant account search (docs/business-rules.md#accounts). Text (owner, address, email) goes to an FTS5
 * index kept in step by triggers; numbers and phones use B-tree indexes, which answer a prefix in
 * microseconds. ё is folded to е before indexing (docs/business-rules.md#finding-the-callers-account: ё/е
 * alike); unicode61 folds case for Cyrillic too, which SQLite's lower() does not. Diacritics are kept, so й
 * stays apart from и.
 */
export class AccountSearch1764000000003 implements MigrationInterface {
  name = 'AccountSearch1764000000003'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN phone_digits TEXT`)
    await q.query(
      `CREATE INDEX accounts_phone_digits ON accounts (phone_digits) WHERE phone_digits IS NOT NULL`,
    )
    await q.query(`CREATE INDEX accounts_email ON accounts (email COLLATE NOCASE) WHERE email IS NOT NULL`)
    await q.query(`CREATE VIRTUAL TABLE account_search USING fts5 (
      owner, address, email,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 0',
      prefix = '1 2 3'
    )`)
    const values = searchValuesSql()
    await q.query(`CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
      INSERT INTO account_search (rowid, owner, address, email) VALUES (${values});
    END`)
    await q.query(`CREATE TRIGGER accounts_search_update AFTER UPDATE OF surname, first_name, patronymic, street,
      house, building, apartment, district, email ON accounts BEGIN
      DELETE FROM account_search WHERE rowid = old.id;
      INSERT INTO account_search (rowid, owner, address, email) VALUES (${values});
    END`)
    await q.query(`CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
      DELETE FROM account_search WHERE rowid = old.id;
    END`)
    // The national ten digits of a phone, however it was written: +7 (978) 123-45-67, 89781234567…
    await q.query(`CREATE TRIGGER accounts_phone_insert AFTER INSERT ON accounts BEGIN
      UPDATE accounts SET phone_digits = ${digitsSql('new.phone')} WHERE id = new.id;
    END`)
    await q.query(`CREATE TRIGGER accounts_phone_update AFTER UPDATE OF phone ON accounts BEGIN
      UPDATE accounts SET phone_digits = ${digitsSql('new.phone')} WHERE id = new.id;
    END`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of [
      'accounts_search_insert',
      'accounts_search_update',
      'accounts_search_delete',
      'accounts_phone_insert',
      'accounts_phone_update',
    ])
      await q.query(`DROP TRIGGER ${trigger}`)
    await q.query(`DROP TABLE account_search`)
    await q.query(`DROP INDEX accounts_email`)
    await q.query(`DROP INDEX accounts_phone_digits`)
    await q.query(`ALTER TABLE accounts DROP COLUMN phone_digits`)
  }
}

/** Keeps the last ten digits: SQLite has no regexp, so the separators people type are removed. */
export function digitsSql(column: string): string {
  let expression = `coalesce(${column}, '')`
  for (const separator of [' ', '-', '(', ')', '+', '.', '/'])
    expression = `replace(${expression}, '${separator}', '')`
  return `CASE WHEN length(${expression}) >= 10 THEN substr(${expression}, -10) ELSE NULLIF(${expression}, '') END`
}

/** The search entry of the account in `new`: owner, address and email, ё folded to е. */
export function searchValuesSql(): string {
  const text = (column: string) => `replace(replace(coalesce(${column}, ''), 'ё', 'е'), 'Ё', 'Е')`
  return `new.id,
      ${text("new.surname || ' ' || new.first_name || ' ' || coalesce(new.patronymic, '')")},
      ${text("new.street || ' ' || new.house || ' ' || coalesce(new.building, '') || ' ' || coalesce(new.apartment, '') || ' ' || new.district")},
      ${text("replace(replace(new.email, '@', ' '), '.', ' ')")}`
}
