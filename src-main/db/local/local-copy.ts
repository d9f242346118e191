import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretBox } from '../../sync/secret-box'
import { LOCAL_DATABASE_FILE, openLocalDatabase, type LocalDatabase } from './data-source'
import {
  hasDatabaseKey,
  makeDatabaseKey,
  openDatabaseKey,
  readLostCopy,
  setAsideUnreadableCopy,
  type LostCopy,
} from './database-key'
import { isPlainDatabase, WrongDatabaseKey } from './encryption'
import { tightenPrivateFolder } from './private-folder'

export interface LocalCopy {
  local: LocalDatabase
  /** Set when the copy found at start could not be read and was set aside (see `database-key.ts`). */
  lostCopy: LostCopy | null
}

/**
 * Opens this console's encrypted local copy with its sealed key. A key the store no longer opens, a
 * missing key beside an encrypted copy, or a key that does not fit the copy do not stop the console:
 * the unreadable copy is set aside, a fresh one is made, and the console says so until a supervisor
 * connects it to the central service again, which copies everything back. A store that is not
 * available at all (Linux without a keyring) stops the start instead, with nothing moved.
 */
export async function openLocalCopy(options: {
  dataDir: string
  box: SecretBox
  now: Date
  nativeBinding?: string
}): Promise<LocalCopy> {
  const { dataDir, box, now, nativeBinding } = options
  box.assertAvailable()
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  tightenPrivateFolder(dataDir)
  const file = join(dataDir, LOCAL_DATABASE_FILE)
  let lostCopy: LostCopy | null = null
  let key = openDatabaseKey(dataDir, box)
  if (!key) {
    const encrypted = existsSync(file) && !isPlainDatabase(file)
    if (hasDatabaseKey(dataDir))
      lostCopy = setAsideUnreadableCopy(dataDir, LOCAL_DATABASE_FILE, 'keyUnreadable', now)
    else if (encrypted) lostCopy = setAsideUnreadableCopy(dataDir, LOCAL_DATABASE_FILE, 'keyMissing', now)
    key = makeDatabaseKey(dataDir, box)
  }
  try {
    return {
      local: await openLocalDatabase({ dataDir, key, nativeBinding }),
      lostCopy: lostCopy ?? readLostCopy(dataDir),
    }
  } catch (error) {
    if (!(error instanceof WrongDatabaseKey)) throw error
    lostCopy = setAsideUnreadableCopy(dataDir, LOCAL_DATABASE_FILE, 'keyMismatch', now)
    key = makeDatabaseKey(dataDir, box)
    return { local: await openLocalDatabase({ dataDir, key, nativeBinding }), lostCopy }
  }
}
