import type BetterSqlite3 from 'better-sqlite3'
import type { CentralConnectionInput, CentralConnectionView } from '@shared/contract'
import { defineCommand } from '../commands/pipeline'
import type { SecretBox } from './secret-box'

/** The stored form: everything but the password in clear, the password sealed by the shell's box. */
interface StoredConnection {
  host: string
  port: number
  database: string
  user: string
  ssl: boolean
  sealedPassword: string
}

const KEY = 'centralConnection'

export function readStoredConnection(db: BetterSqlite3.Database): StoredConnection | null {
  const value = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(KEY) as string | undefined
  return value ? (JSON.parse(value) as StoredConnection) : null
}

export function connectionView(db: BetterSqlite3.Database): CentralConnectionView {
  const stored = readStoredConnection(db)
  if (!stored) return { configured: false, host: null, port: null, database: null, user: null, ssl: false }
  return {
    configured: true,
    host: stored.host,
    port: stored.port,
    database: stored.database,
    user: stored.user,
    ssl: stored.ssl,
  }
}

export function connectionUrl(c: Omit<StoredConnection, 'sealedPassword'> & { password: string }): string {
  const auth = `${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}`
  return `postgres://${auth}@${c.host}:${c.port}/${encodeURIComponent(c.database)}${c.ssl ? '?sslmode=require' : ''}`
}

/** The URL to connect with, the password opened from its seal; null when none is configured. */
export function storedConnectionUrl(db: BetterSqlite3.Database, box: SecretBox): string | null {
  const stored = readStoredConnection(db)
  return stored ? connectionUrl({ ...stored, password: box.open(stored.sealedPassword) }) : null
}

/**
 * A supervisor sets (or, with null, removes) the central database connection (issue: sync,
 * "Settings"). The password is sealed before it is written and never enters the audit trail. Moving
 * to another database starts the feed and the initial copy anew; queued commands stay and go there.
 */
export const saveCentralConnection = defineCommand<
  { connection: (CentralConnectionInput & { password: string }) | null; box: SecretBox },
  CentralConnectionView
>({
  name: 'sync.configure',
  outboxPayload: null,
  apply(db, input) {
    const before = connectionView(db)
    const next = input.connection
    if (next) {
      const stored: StoredConnection = {
        host: next.host,
        port: next.port,
        database: next.database,
        user: next.user,
        ssl: next.ssl,
        sealedPassword: input.box.seal(next.password),
      }
      db.prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(KEY, JSON.stringify(stored))
    } else db.prepare(`DELETE FROM settings WHERE key = ?`).run(KEY)
    const after = connectionView(db)
    const moved =
      !next || before.host !== after.host || before.port !== after.port || before.database !== after.database
    if (moved) db.prepare(`DELETE FROM sync_state WHERE key IN ('cursor', 'initialSync')`).run()
    return {
      result: after,
      changes: [
        { entity: 'settings', entityId: KEY, before, after: { ...after, passwordChanged: Boolean(next) } },
      ],
    }
  },
})
