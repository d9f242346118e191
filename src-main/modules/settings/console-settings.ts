import type BetterSqlite3 from 'better-sqlite3'
import type { ConsoleSettings } from '@shared/contract'
import { defineCommand } from '../../commands/pipeline'

export const DEFAULT_SETTINGS: ConsoleSettings = {
  idleLockMinutes: 15,
  offlineSignInDays: 7,
  updateFeedUrl: null,
  holdVersion: false,
  letterheadAddress: '',
  letterheadPhone: '',
}

export function readSettings(db: BetterSqlite3.Database): ConsoleSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]))
  const number = (key: 'idleLockMinutes' | 'offlineSignInDays') =>
    typeof stored[key] === 'number' ? stored[key] : DEFAULT_SETTINGS[key]
  return {
    idleLockMinutes: number('idleLockMinutes'),
    offlineSignInDays: number('offlineSignInDays'),
    updateFeedUrl: typeof stored.updateFeedUrl === 'string' ? stored.updateFeedUrl : null,
    holdVersion: stored.holdVersion === true,
    letterheadAddress: typeof stored.letterheadAddress === 'string' ? stored.letterheadAddress : '',
    letterheadPhone: typeof stored.letterheadPhone === 'string' ? stored.letterheadPhone : '',
  }
}

/** Console-level policy chosen by a supervisor on this machine; not replicated. */
export const updateSettings = defineCommand<Partial<ConsoleSettings>, ConsoleSettings>({
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
