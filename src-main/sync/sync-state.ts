import type BetterSqlite3 from 'better-sqlite3'

import type { FeedCursor } from '@shared/central/rows'

export { FEED_START, type FeedCursor } from '@shared/central/rows'

/** Small facts sync keeps in the local database, so they survive a restart or a crash. */
export class SyncState {
  private readonly read: BetterSqlite3.Statement
  private readonly write: BetterSqlite3.Statement

  constructor(private readonly db: BetterSqlite3.Database) {
    this.read = db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck()
    this.write = db.prepare(
      `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
  }

  get<T>(key: string): T | null {
    const value = this.read.get(key) as string | undefined
    return value === undefined ? null : (JSON.parse(value) as T)
  }

  set(key: string, value: unknown): void {
    this.write.run(key, JSON.stringify(value))
  }

  cursor(): FeedCursor | null {
    return this.get<FeedCursor>('cursor')
  }
}
