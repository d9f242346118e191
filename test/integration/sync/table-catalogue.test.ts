import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SYNCED_TABLES } from '../../../shared/central/table-catalogue'
import { CONSOLE_TABLES, HIDDEN_COLUMNS } from '../../../src-central/feed/visible-rows'
import { LocalMirror } from '../../../src-main/sync/local-mirror'
import { buildTestApp, type TestApp } from '../../support/test-app'

/** A value of the right shape for a key column. */
const SAMPLE: Record<string, unknown> = {
  id: 7,
  login: 'ivanova',
  meter_id: 3,
  period: '2026-11',
  account_id: 5,
  entity_key: 'webRegistration:7',
}

/**
 * One declaration per synced table (docs/architecture.md#adding-a-synced-table): the central feed reads
 * its lists from the catalogue, and the console's mirror is held to it here.
 */
describe('the table catalogue', () => {
  let t: TestApp
  let mirror: LocalMirror

  beforeEach(async () => {
    t = await buildTestApp()
    mirror = new LocalMirror(t.app.local.sql)
  })
  afterEach(() => t.dispose())

  it('is what the console mirrors, no table more or less', () => {
    expect(new Set(mirror.mirroredTables())).toEqual(new Set(SYNCED_TABLES.map((table) => table.central)))
  })

  it('names each table’s rows by its entity, and each local table exists', () => {
    const localTables = new Set(
      t.app.local.sql
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .pluck()
        .all() as string[],
    )
    for (const table of SYNCED_TABLES) {
      const row = Object.fromEntries(table.key.map((column) => [column, SAMPLE[column]]))
      expect(mirror.rowKeyOf(table.central, row)?.split(':')[0], table.central).toBe(table.entity)
      expect(localTables.has(table.local), table.local).toBe(true)
    }
  })

  it('is where the feed’s table list and hidden columns come from', () => {
    expect([...CONSOLE_TABLES]).toEqual(SYNCED_TABLES.map((table) => table.central))
    expect(HIDDEN_COLUMNS).toEqual({
      staff: ['password_hash'],
      portal_registrations: ['password_hash', 'activation_token'],
      portal_password_resets: ['token_hash'],
      portal_request_attachments: ['content'],
    })
  })
})
