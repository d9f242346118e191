import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { URL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileSecretBox } from '../../../src-main/browser-shell/file-secret-box'
import { useCentralDatabase } from '../../support/central-database'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralDatabase()

/** The central database's address as a supervisor types it into the settings screen. */
function typedConnection(overrides: Partial<Record<'host' | 'database' | 'user' | 'password', string>> = {}) {
  const url = new URL(central.url)
  return {
    host: url.hostname,
    port: Number(url.port),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ssl: false,
    ...overrides,
  }
}

describe('the central database connection set on the console', () => {
  let app: TestApp
  let keyDir: string

  beforeEach(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'vodokanal-key-'))
    app = await buildTestApp({ secrets: fileSecretBox(keyDir) })
  })
  afterEach(async () => {
    await app.dispose()
    rmSync(keyDir, { recursive: true, force: true })
  })

  it('starts with none: the console works on its local database and says so', async () => {
    const token = app.supervisorToken
    expect(await app.call('sync.connection', {}, token)).toMatchObject({ configured: false })
    expect((await app.call('sync.status', {}, token)).mode).toBe('localOnly')
  })

  it('refuses an address or a password that does not work, and changes nothing', async () => {
    const token = app.supervisorToken
    const unreachable = await app.refused(
      'sync.configure',
      { connection: { ...typedConnection(), port: 1 } },
      token,
    )
    expect(unreachable.code).toBe('CENTRAL_UNREACHABLE')
    const wrongDatabase = await app.refused(
      'sync.configure',
      { connection: typedConnection({ database: 'no_such_database' }) },
      token,
    )
    expect(wrongDatabase.code).toBe('CENTRAL_AUTH_FAILED')
    expect(await app.call('sync.connection', {}, token)).toMatchObject({ configured: false })
    expect((await app.call('sync.status', {}, token)).mode).toBe('localOnly')
  })

  it('saves a working connection with the password sealed, syncs, and reconnects after a restart', async () => {
    const typed = typedConnection()
    const view = await app.call('sync.configure', { connection: typed }, app.supervisorToken)
    expect(view).toMatchObject({
      configured: true,
      host: typed.host,
      database: typed.database,
      user: typed.user,
    })
    expect(JSON.stringify(view)).not.toContain(typed.password)
    expect((await app.app.sync!.syncNow()).mode).toBe('online')

    // The password is nowhere in the database file or its audit trail in clear.
    app.app.local.sql.pragma('wal_checkpoint(TRUNCATE)')
    const file = readFileSync(join(app.dataDir, 'console.sqlite'))
    if (typed.password.length > 3) expect(file.includes(Buffer.from(typed.password))).toBe(false)

    await app.restart()
    expect(app.app.sync).not.toBeNull()
    expect((await app.app.sync!.syncNow()).mode).toBe('online')

    const token = (await app.call('auth.signIn', { login: 'chief', password: 'верный-пароль-1' })).token
    await app.call('sync.configure', { connection: null }, token)
    expect(app.app.sync).toBeNull()
    expect((await app.call('sync.status', {}, token)).mode).toBe('localOnly')
  })
})
