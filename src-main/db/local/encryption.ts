import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { registerSqlFunctions } from './sql-functions'

/**
 * The local copy is encrypted at rest (152-FZ: personal data on a lost or stolen PC stays unreadable)
 * in SQLCipher 4's page format, through SQLite3 Multiple Ciphers (the `better-sqlite3` dependency is
 * better-sqlite3-multiple-ciphers): every page written is AES-256-CBC under the key with a fresh random
 * IV. The key is 32 random bytes given raw, so no passphrase derivation runs at each open.
 *
 * Pages carry no HMAC (`hmac_use = 0`), as BitLocker and LUKS sectors carry none: the key is sealed for
 * the console's own OS user, so a page HMAC could only stop someone *without* the key from altering
 * the file, and such a change can only garble pages of a copy whose every write the central service
 * authorises again. It cost more than half the speed of writing the local copy (a sync pull of 50,000
 * readings: 11,700/s with it, 25,700/s without; see docs/delivery.md, "No page HMAC").
 */
interface PageScheme {
  pageHmac: boolean
}
const CURRENT_SCHEME: PageScheme = { pageHmac: false }
/** Schemes earlier builds wrote, re-encrypted into the current one at the first start. */
const EARLIER_SCHEMES: PageScheme[] = [{ pageHmac: true }]

function cipherPragmas(
  db: BetterSqlite3.Database,
  key: Buffer,
  pragma: 'key' | 'rekey',
  scheme = CURRENT_SCHEME,
): void {
  db.pragma(`cipher = 'sqlcipher'`)
  db.pragma(`legacy = 4`)
  db.pragma(`hmac_use = ${scheme.pageHmac ? 1 : 0}`)
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`)
}

/** Whether the key (under the scheme just set) opens the file: it is only tried at the first read. */
function readsWithKey(db: BetterSqlite3.Database): boolean {
  try {
    db.prepare(`SELECT count(*) FROM sqlite_master`).get()
    return true
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return false
    throw error
  }
}

/** Thrown when the file is not a database this key opens (another key, or not a database at all). */
export class WrongDatabaseKey extends Error {
  constructor(file: string) {
    super(`the local database ${file} does not open with this console's key`)
  }
}

/**
 * Opens an encrypted connection. Temporary tables and sort spills stay in memory: SQLCipher encrypts
 * the database and its journals, not SQLite's temporary files.
 */
export function unlockDatabase(db: BetterSqlite3.Database, key: Buffer): void {
  cipherPragmas(db, key, 'key')
  // Tried now, before anything else touches the file.
  if (!readsWithKey(db)) throw new WrongDatabaseKey(db.name)
  db.pragma('temp_store = MEMORY')
}

const PLAIN_HEADER = 'SQLite format 3\u0000'

/** Whether the file is an unencrypted SQLite database (a console from before encryption). */
export function isPlainDatabase(file: string): boolean {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0
  if (size < PLAIN_HEADER.length) return false
  const header = Buffer.alloc(PLAIN_HEADER.length)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  return header.toString('latin1') === PLAIN_HEADER
}

/**
 * Encrypts a plain database in place, every page rewritten under the key in one transaction: an
 * interruption leaves the plain file as it was, to be encrypted at the next start.
 */
export function encryptPlainDatabase(file: string, key: Buffer, nativeBinding?: string): void {
  const db = openFile(file, nativeBinding)
  try {
    rewriteUnderCurrentScheme(db, key)
  } finally {
    db.close()
  }
}

/**
 * A copy an earlier build encrypted under another page scheme is re-encrypted into the current one, in
 * one transaction (an interruption leaves it as it was, for the next start). A copy this key does not
 * open under any scheme is left for the caller, which finds the key wrong.
 */
export function reencryptEarlierScheme(file: string, key: Buffer, nativeBinding?: string): void {
  if (!existsSync(file)) return
  const current = openUnder(file, key, CURRENT_SCHEME, nativeBinding)
  if (current) {
    current.close()
    return
  }
  for (const scheme of EARLIER_SCHEMES) {
    const db = openUnder(file, key, scheme, nativeBinding)
    if (!db) continue
    try {
      rewriteUnderCurrentScheme(db, key)
    } finally {
      db.close()
    }
    return
  }
}

/**
 * Every page rewritten under the current scheme, in one transaction. Rekeying is not possible in WAL
 * mode, so the journal is folded back into the file first; rewriting the pages evaluates the indexed
 * generated columns, which call the SQL functions.
 */
function rewriteUnderCurrentScheme(db: BetterSqlite3.Database, key: Buffer): void {
  registerSqlFunctions(db)
  db.pragma('journal_mode = DELETE')
  cipherPragmas(db, key, 'rekey')
}

const openFile = (file: string, nativeBinding?: string) =>
  new Database(file, nativeBinding ? { nativeBinding } : {})

/** The file opened under a scheme, or null (and closed) when the key does not open it so. */
function openUnder(
  file: string,
  key: Buffer,
  scheme: PageScheme,
  nativeBinding?: string,
): BetterSqlite3.Database | null {
  const db = openFile(file, nativeBinding)
  try {
    cipherPragmas(db, key, 'key', scheme)
    if (readsWithKey(db)) return db
  } catch (error) {
    db.close()
    throw error
  }
  db.close()
  return null
}
