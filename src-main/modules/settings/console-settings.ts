import type BetterSqlite3 from 'better-sqlite3'
import type { ConsoleSettings } from '@shared/contract'
import { defineCommand } from '../../commands/pipeline'

export const DEFAULT_SETTINGS: ConsoleSettings = { idleLockMinutes: 15 }

export function readSettings(db: BetterSqlite3.Database): ConsoleSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]))
  return {
    idleLockMinutes:
      typeof stored.idleLockMinutes === 'number' ? stored.idleLockMinutes : DEFAULT_SETTINGS.idleLockMinutes,
  }
}

/** Console-level policy chosen by a supervisor on this machine; not replicated. */
export const updateSettings = defineCommand<ConsoleSettings, ConsoleSettings>({
  name: 'settings.update',
  outboxPayload: null,
  apply(db, input) {
    const before = readSettings(db)
    const upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    for (const [key, value] of Object.entries(input)) upsert.run(key, JSON.stringify(value))
    const after = readSettings(db)
    return { result: after, changes: [{ entity: 'settings', entityId: 'console', before, after }] }
  },
})
