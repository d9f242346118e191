import { randomUUID } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'

/** Where this console is in the central change feed: past every change with a smaller (txid, id). */
export interface FeedCursor {
  txid: string
  id: string
}

export const FEED_START: FeedCursor = { txid: '0', id: '0' }

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

  /** Named once, on first use; the central database records which console sent each command. */
  consoleId(): string {
    let id = this.get<string>('consoleId')
    if (!id) {
      id = randomUUID()
      this.set('consoleId', id)
    }
    return id
  }

  cursor(): FeedCursor | null {
    return this.get<FeedCursor>('cursor')
  }
}
