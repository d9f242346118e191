import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SYNCED_TABLES } from '../../../shared/central/table-catalogue'
import { CONSOLE_TABLES, HIDDEN_COLUMNS } from '../../../src-central/feed/visible-rows'
import { columnOf, type SyncedTable } from '../../../shared/central/table-catalogue'
import { declaredTable, LocalMirror } from '../../../src-main/sync/local-mirror'
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

  it('declares only columns the console’s tables have, under their local names', () => {
    for (const table of SYNCED_TABLES) {
      const local = new Set(
        t.app.local.sql.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table.local) as string[],
      )
      const declared = Object.entries(table.columns).map(([name, column]) => columnOf(name, column).local)
      expect(
        declared.filter((name) => !local.has(name)),
        table.local,
      ).toEqual([])
      // Staff rows are taken as they come (a login's row, whole): every other table keeps a version.
      if (table.central !== 'staff') expect(declared, table.local).toContain('version')
    }
  })

  it('is all a new table needs on the console: its rows are written from its entry alone', () => {
    // A table a later version might add: a migration made it, the catalogue declares it, nothing else.
    t.app.local.sql.exec(`CREATE TABLE web_meter_photos (id INTEGER PRIMARY KEY, request_id INTEGER,
      taken_at TEXT, approved INTEGER, notes TEXT, version INTEGER NOT NULL)`)
    const photos: SyncedTable = {
      central: 'portal_meter_photos',
      local: 'web_meter_photos',
      entity: 'webRequestDocument',
      key: ['id'],
      columns: {
        id: 'id',
        request_id: 'id',
        taken_at: 'at',
        approved: 'bool',
        notes: 'json',
        version: 'int',
      },
      copyWhere: 'true',
    }
    const writer = declaredTable(t.app.local.sql, photos)
    const row = {
      id: '41',
      request_id: '7',
      taken_at: '2026-12-03T00:00:00+03:00',
      approved: true,
      notes: { seal: 'П-1' },
      version: 2,
    }
    expect(writer.key(row)).toBe('webRequestDocument:41')
    writer.upsert.run(writer.toLocal(row))
    expect(t.app.local.sql.prepare(`SELECT * FROM web_meter_photos`).all()).toEqual([
      {
        id: 41,
        request_id: 7,
        taken_at: '2026-12-02T21:00:00.000Z',
        approved: 1,
        notes: '{"seal":"П-1"}',
        version: 2,
      },
    ])
    expect(writer.localVersion.get(41)).toBe(2)
  })
})
