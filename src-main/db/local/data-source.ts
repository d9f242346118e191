import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { DataSource } from 'typeorm'
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver.js'
import { encryptPlainDatabase, isPlainDatabase, reencryptEarlierScheme, unlockDatabase } from './encryption'
import { localMigrations } from './migrations'
import { registerSqlFunctions } from './sql-functions'

export const LOCAL_DATABASE_FILE = 'console.sqlite'

export interface LocalDatabase {
  /**
   * TypeORM runs the migrations (each in its own transaction, recorded in `migrations`) and owns the
   * connection; no query goes through it (docs/architecture.md#data-and-change).
   */
  orm: DataSource
  /**
   * The same connection, for prepared statements and synchronous transactions. A command runs in
   * one synchronous transaction so that nothing else on the event loop can interleave with it.
   */
  sql: BetterSqlite3.Database
  file: string
  /**
   * A second, read-only connection to the same file, for long reads that yield to the event loop
   * (exports): an open cursor on the main connection would refuse every write until it closed, and
   * WAL lets this reader see one consistent moment while the console keeps writing.
   */
  openReader(): BetterSqlite3.Database
  close(): Promise<void>
}

export interface LocalDatabaseOptions {
  dataDir: string
  /**
   * The SQLCipher key (see `local-copy.ts` for where it comes from). Null only for scratch copies in
   * tests and benchmarks that compare against a plain SQLite baseline; the console always has one.
   */
  key: Buffer | null
  /** A better-sqlite3 addon built for another runtime (Electron's ABI) when it differs from Node's. */
  nativeBinding?: string
}

export async function openLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  // Personal data (152-FZ): the folder and the files are its owner's only, even if the folder was
  // made before by someone else's umask.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  ownerOnly(options.dataDir, 0o700)
  const file = join(options.dataDir, LOCAL_DATABASE_FILE)
  const { key } = options
  // A console from before encryption, or from before the current page scheme: its copy is
  // (re-)encrypted in place before first use.
  if (key && isPlainDatabase(file)) encryptPlainDatabase(file, key, options.nativeBinding)
  else if (key) reencryptEarlierScheme(file, key, options.nativeBinding)
  const orm = new DataSource({
    type: 'better-sqlite3',
    database: file,
    migrations: localMigrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    prepareDatabase: (db: BetterSqlite3.Database) => {
      if (key)
        try {
          unlockDatabase(db, key)
        } catch (error) {
          // Closed here, so the caller can move the file aside (Windows does not rename open files).
          db.close()
          throw error
        }
      db.pragma('foreign_keys = ON')
      db.pragma('synchronous = NORMAL')
      db.pragma('busy_timeout = 5000')
      registerSqlFunctions(db)
    },
  })
  await orm.initialize()
  const sql = (orm.driver as BetterSqlite3Driver).databaseConnection as BetterSqlite3.Database
  for (const suffix of ['', '-wal', '-shm']) ownerOnly(file + suffix, 0o600)
  return {
    orm,
    sql,
    file,
    openReader: () => {
      const reader = new Database(file, {
        readonly: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      })
      if (key) unlockDatabase(reader, key)
      reader.pragma('busy_timeout = 5000')
      registerSqlFunctions(reader)
      return reader
    },
    close: async () => {
      if (orm.isInitialized) await orm.destroy()
    },
  }
}

/** POSIX permissions; Windows keeps a user's profile folder private by its own ACLs. */
function ownerOnly(path: string, mode: number): void {
  if (process.platform !== 'win32' && existsSync(path)) chmodSync(path, mode)
}
