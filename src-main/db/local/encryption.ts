import { closeSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { registerSqlFunctions } from './sql-functions'

/**
 * The local copy is a SQLCipher 4 database (152-FZ: personal data protected at rest), through
 * SQLite3 Multiple Ciphers (the `better-sqlite3` dependency is better-sqlite3-multiple-ciphers). The
 * key is 32 random bytes given raw, so no passphrase derivation runs at each open.
 */
function cipherPragmas(db: BetterSqlite3.Database, key: Buffer, pragma: 'key' | 'rekey'): void {
  db.pragma(`cipher = 'sqlcipher'`)
  db.pragma(`legacy = 4`)
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`)
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
  try {
    // The key is only tried at the first read: try it now, before anything else touches the file.
    db.prepare(`SELECT count(*) FROM sqlite_master`).get()
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongDatabaseKey(db.name)
    throw error
  }
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
 * interruption leaves the plain file as it was, to be encrypted at the next start. Rekeying is not
 * possible in WAL mode, so the journal is folded back into the file first.
 */
export function encryptPlainDatabase(file: string, key: Buffer, nativeBinding?: string): void {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {})
  try {
    // Rewriting the pages evaluates the indexed generated columns, which call these.
    registerSqlFunctions(db)
    db.pragma('journal_mode = DELETE')
    cipherPragmas(db, key, 'rekey')
  } finally {
    db.close()
  }
}
