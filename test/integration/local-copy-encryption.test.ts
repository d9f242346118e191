import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fileSecretBox } from '../../src-main/browser-shell/file-secret-box'
import { LOCAL_DATABASE_FILE, openLocalDatabase } from '../../src-main/db/local/data-source'
import { DATABASE_KEY_FILE, LOST_COPY_FILE, makeDatabaseKey } from '../../src-main/db/local/database-key'
import { isPlainDatabase, WrongDatabaseKey } from '../../src-main/db/local/encryption'
import { openLocalCopy } from '../../src-main/db/local/local-copy'
import { registerSqlFunctions } from '../../src-main/db/local/sql-functions'
import { seedLocalDatabase } from '../../src-main/seed/seed-local'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp } from '../support/test-app'

const SUBSCRIBER = anAccount({
  id: 1,
  number: '40017731',
  surname: 'Шевчукова',
  phone: '+7 978 731-55-19',
  email: 'shevchukova.zoya@example.ru',
})

/** Every byte the copy keeps on disk: the file and its write-ahead log. */
function bytesOnDisk(dataDir: string): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((name) => name.startsWith(LOCAL_DATABASE_FILE))
      .map((name) => readFileSync(join(dataDir, name))),
  )
}

const readable = (bytes: Buffer) => (text: string) =>
  bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'))

const mode = (path: string) => statSync(path).mode & 0o777

/** How many rows the seeded copy's tables hold, its search index and coverage tallies included. */
function rowCounts(db: BetterSqlite3.Database): Record<string, number> {
  const tables = ['accounts', 'meters', 'readings', 'account_search', 'search_words', 'covered_accounts']
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
  )
}

describe('the local copy at rest', () => {
  const dirs: string[] = []
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vodokanal-at-rest-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('re-tightens at start what an older version or a restore left readable: key files, logs, the folder', async () => {
    if (process.platform === 'win32') return
    const dataDir = scratch()
    await (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local.close()
    mkdirSync(join(dataDir, 'logs'))
    writeFileSync(join(dataDir, 'logs', 'main.log'), 'журнал')
    for (const name of ['secret.key', DATABASE_KEY_FILE, 'logs/main.log'])
      chmodSync(join(dataDir, name), 0o644)
    chmodSync(join(dataDir, 'logs'), 0o755)
    chmodSync(dataDir, 0o755)
    const { local } = await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })
    await local.close()
    expect(mode(dataDir)).toBe(0o700)
    expect(mode(join(dataDir, 'logs'))).toBe(0o700)
    for (const name of ['secret.key', DATABASE_KEY_FILE, 'logs/main.log'])
      expect(mode(join(dataDir, name)), name).toBe(0o600)
  })

  it('keeps no readable subscriber text in its files, owner-only even in a folder made before', async () => {
    const dataDir = scratch()
    chmodSync(dataDir, 0o755)
    const { local } = await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })
    insertAccounts(local.sql, [SUBSCRIBER])
    expect(local.sql.prepare(`SELECT surname FROM accounts WHERE id = 1`).pluck().get()).toBe('Шевчукова')
    // Checked while open (the text may sit in the write-ahead log) and after closing.
    const seen = [bytesOnDisk(dataDir)]
    if (process.platform !== 'win32') {
      expect(mode(dataDir)).toBe(0o700)
      for (const name of readdirSync(dataDir).filter((n) => n.startsWith(LOCAL_DATABASE_FILE)))
        expect(mode(join(dataDir, name)), name).toBe(0o600)
      expect(mode(join(dataDir, DATABASE_KEY_FILE))).toBe(0o600)
    }
    await local.close()
    seen.push(bytesOnDisk(dataDir))
    for (const bytes of seen) {
      expect(bytes.length).toBeGreaterThan(4096)
      for (const text of ['Шевчукова', '731-55-19', 'shevchukova.zoya', '40017731', 'SQLite format 3'])
        expect(readable(bytes)(text), text).toBe(false)
    }
  })

  it('refuses to open with another key', async () => {
    const dataDir = scratch()
    const key = randomBytes(32)
    const local = await openLocalDatabase({ dataDir, key })
    insertAccounts(local.sql, [SUBSCRIBER])
    await local.close()
    await expect(openLocalDatabase({ dataDir, key: randomBytes(32) })).rejects.toBeInstanceOf(
      WrongDatabaseKey,
    )
    await expect(openLocalDatabase({ dataDir, key: null })).rejects.toThrow()
    const again = await openLocalDatabase({ dataDir, key })
    expect(again.sql.prepare(`SELECT count(*) FROM accounts`).pluck().get()).toBe(1)
    await again.close()
  })

  it('encrypts a plain copy from before in place, every row kept', async () => {
    const dataDir = scratch()
    const plain = await openLocalDatabase({ dataDir, key: null })
    seedLocalDatabase(plain.sql, { count: 300, seed: 7, untilPeriod: '2026-10', months: 6 })
    const before = rowCounts(plain.sql)
    const someone = plain.sql.prepare(`SELECT surname, phone FROM accounts WHERE id = 17`).get() as {
      surname: string
      phone: string
    }
    await plain.close()
    expect(isPlainDatabase(join(dataDir, LOCAL_DATABASE_FILE))).toBe(true)
    expect(readable(bytesOnDisk(dataDir))(someone.surname)).toBe(true)

    const { local, lostCopy } = await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })
    expect(lostCopy).toBeNull()
    expect(rowCounts(local.sql)).toEqual(before)
    expect(before.readings).toBeGreaterThan(1000)
    expect(local.sql.prepare(`SELECT integrity_check FROM pragma_integrity_check`).pluck().get()).toBe('ok')
    await local.close()
    expect(isPlainDatabase(join(dataDir, LOCAL_DATABASE_FILE))).toBe(false)
    const bytes = bytesOnDisk(dataDir)
    expect(readable(bytes)(someone.surname)).toBe(false)
    expect(readable(bytes)(someone.phone)).toBe(false)
  })

  it('re-encrypts a copy the first encrypted build wrote (page HMACs) into the current scheme, every row kept', async () => {
    const dataDir = scratch()
    const file = join(dataDir, LOCAL_DATABASE_FILE)
    const plain = await openLocalDatabase({ dataDir, key: null })
    seedLocalDatabase(plain.sql, { count: 120, seed: 3, untilPeriod: '2026-10', months: 3 })
    const before = rowCounts(plain.sql)
    await plain.close()
    // As that build encrypted it: SQLCipher 4 with an HMAC-SHA512 on every page.
    const box = fileSecretBox(dataDir)
    const key = makeDatabaseKey(dataDir, box)
    const opensWith = (pageHmac: 0 | 1, rekey = false) => {
      const db = new Database(file)
      try {
        registerSqlFunctions(db)
        db.pragma(`cipher = 'sqlcipher'`)
        db.pragma('legacy = 4')
        db.pragma(`hmac_use = ${pageHmac}`)
        if (rekey) db.pragma('journal_mode = DELETE')
        db.pragma(`${rekey ? 'rekey' : 'key'} = "x'${key.toString('hex')}'"`)
        return db.prepare(`SELECT count(*) FROM accounts`).pluck().get() === before.accounts
      } catch {
        return false
      } finally {
        db.close()
      }
    }
    opensWith(1, true)
    expect(isPlainDatabase(file)).toBe(false)
    expect(opensWith(1)).toBe(true)

    const { local, lostCopy } = await openLocalCopy({ dataDir, box, now: new Date() })
    expect(lostCopy).toBeNull()
    expect(rowCounts(local.sql)).toEqual(before)
    expect(local.sql.prepare(`SELECT integrity_check FROM pragma_integrity_check`).pluck().get()).toBe('ok')
    await local.close()
    expect(opensWith(0)).toBe(true)
    expect(opensWith(1)).toBe(false)
    expect(readdirSync(dataDir).filter((name) => name.includes('unreadable'))).toEqual([])
  })

  it('starts with a fresh copy and says so when the sealed key no longer opens', async () => {
    const console_ = await buildTestApp()
    try {
      insertAccounts(console_.app.local.sql, [SUBSCRIBER])
      // A reset keyring: the store's own key is new, so the sealed database key no longer opens.
      rmSync(join(console_.dataDir, 'secret.key'))
      await console_.restart()
      const status = await console_.call('auth.status', {})
      expect(status.setUp).toBe(false)
      expect(status.lostCopy).toMatchObject({ reason: 'keyUnreadable' })
      const setAside = join(console_.dataDir, status.lostCopy!.setAside!)
      expect(existsSync(setAside)).toBe(true)
      expect(console_.app.local.sql.prepare(`SELECT count(*) FROM accounts`).pluck().get()).toBe(0)
      // Said again at the next start, until the console is set up or connected again.
      await console_.restart()
      expect((await console_.call('auth.status', {})).lostCopy).toMatchObject({ reason: 'keyUnreadable' })
      await console_.call('auth.setupFirstSupervisor', {
        login: 'chief',
        fullName: 'Старшая Смены Иванова',
        password: 'новый-пароль-старшей-2026',
        passwordRepeat: 'новый-пароль-старшей-2026',
      })
      expect((await console_.call('auth.status', {})).lostCopy).toBeNull()
      expect(existsSync(join(console_.dataDir, LOST_COPY_FILE))).toBe(false)
      // The unreadable copy is kept aside, never deleted.
      expect(existsSync(setAside)).toBe(true)
    } finally {
      await console_.dispose()
    }
  })

  it('sets aside a copy whose key file is gone instead of refusing to start', async () => {
    const dataDir = scratch()
    mkdirSync(dataDir, { recursive: true })
    const box = fileSecretBox(dataDir)
    const first = await openLocalCopy({ dataDir, box, now: new Date() })
    insertAccounts(first.local.sql, [SUBSCRIBER])
    await first.local.close()
    rmSync(join(dataDir, DATABASE_KEY_FILE))
    const second = await openLocalCopy({ dataDir, box, now: new Date() })
    expect(second.lostCopy).toMatchObject({ reason: 'keyMissing' })
    expect(second.local.sql.prepare(`SELECT count(*) FROM accounts`).pluck().get()).toBe(0)
    await second.local.close()
  })
})
