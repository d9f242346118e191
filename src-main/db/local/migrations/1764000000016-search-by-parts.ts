import type { MigrationInterface, QueryRunner } from 'typeorm'

const WORD_SOURCES = [
  ['surname', 'search_key(new.surname)'],
  ['given', 'search_key(new.first_name)'],
  ['given', 'search_key(new.patronymic)'],
  ['street', 'new.street'],
] as const

/**
 * Search by the parts of what a caller says (docs/business-rules.md#finding-the-callers-account). The words
 * of an address were loose tokens, so "37 27" found flat 37 of house 27 as readily as the reverse; a surname
 * matched the patronymic as well as the surname. Now:
 * - `surname_key` and `house_key` (lower case, ё as е; `search_key` is registered on every connection)
 *   are indexed, so an exact surname and an exact street + house are B-tree look-ups, ranked first;
 * - the last seven digits of a phone are indexed, the way callers give them;
 * - `search_words` lists every surname, name, patronymic and street once: the street list an address
 *   is read against, and the vocabulary a misspelt word is corrected from. Rows are only added (a word
 *   no account uses any more only proposes a correction that finds nothing), so its largest id says
 *   whether the in-memory copy is current.
 */
export class SearchByParts1764000000016 implements MigrationInterface {
  name = 'SearchByParts1764000000016'

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE accounts ADD COLUMN surname_key TEXT GENERATED ALWAYS AS (search_key(surname)) VIRTUAL`,
    )
    await q.query(
      `ALTER TABLE accounts ADD COLUMN house_key TEXT GENERATED ALWAYS AS (search_key(replace(house, ' ', ''))) VIRTUAL`,
    )
    await q.query(`CREATE INDEX accounts_surname_key ON accounts (surname_key)`)
    await q.query(`CREATE INDEX accounts_address ON accounts (street, house_key)`)
    await q.query(
      `CREATE INDEX accounts_phone_tail ON accounts (substr(phone_digits, -7)) WHERE phone_digits IS NOT NULL`,
    )
    await q.query(`CREATE TABLE search_words (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('surname', 'given', 'street')),
      word TEXT NOT NULL,
      UNIQUE (kind, word)
    )`)
    // NOT EXISTS rather than OR IGNORE: inside a trigger fired by an upsert (the sync mirror's), SQLite
    // applies the outer statement's conflict policy, and a known word then aborted the whole write.
    const inserts = WORD_SOURCES.map(
      ([kind, value]) =>
        `INSERT INTO search_words (kind, word) SELECT '${kind}', ${value} WHERE ${value} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM search_words WHERE kind = '${kind}' AND word = ${value});`,
    ).join('\n')
    await q.query(`CREATE TRIGGER accounts_words_insert AFTER INSERT ON accounts BEGIN ${inserts} END`)
    await q.query(`CREATE TRIGGER accounts_words_update AFTER UPDATE OF surname, first_name, patronymic, street
      ON accounts WHEN old.surname IS NOT new.surname OR old.first_name IS NOT new.first_name
        OR old.patronymic IS NOT new.patronymic OR old.street IS NOT new.street
      BEGIN ${inserts} END`)
    for (const [kind, value] of WORD_SOURCES) {
      const column = value.replace(/new\./g, '')
      await q.query(`INSERT OR IGNORE INTO search_words (kind, word)
        SELECT DISTINCT '${kind}', ${column} FROM accounts WHERE ${column} IS NOT NULL`)
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER accounts_words_update`)
    await q.query(`DROP TRIGGER accounts_words_insert`)
    await q.query(`DROP TABLE search_words`)
    await q.query(`DROP INDEX accounts_phone_tail`)
    await q.query(`DROP INDEX accounts_address`)
    await q.query(`DROP INDEX accounts_surname_key`)
    await q.query(`ALTER TABLE accounts DROP COLUMN house_key`)
    await q.query(`ALTER TABLE accounts DROP COLUMN surname_key`)
  }
}
