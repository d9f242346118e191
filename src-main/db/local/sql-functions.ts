import type BetterSqlite3 from 'better-sqlite3'
import { searchKey } from '@shared/domain/search/search-text'

/**
 * SQL functions the schema itself uses (generated columns and triggers of the account search), so
 * every connection to the local database registers them before anything else runs. SQLite's own
 * lower() folds only ASCII; Cyrillic case and ё/е need JavaScript's Russian rules.
 */
export function registerSqlFunctions(db: BetterSqlite3.Database): void {
  db.function('search_key', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchKey(text) : null,
  )
}
