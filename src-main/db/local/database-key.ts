import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretBox } from '../../sync/secret-box'

/** The local copy's key, sealed by the operating system's store (or the browser shell's key file). */
export const DATABASE_KEY_FILE = 'console.key'
/** Says, until the console is connected again, that an unreadable copy was set aside at start. */
export const LOST_COPY_FILE = 'local-copy-lost.json'

export interface LostCopy {
  /** When it was found unreadable (ISO UTC). */
  at: string
  /** The name the old copy was moved to, in the data folder (null: the copy itself was readable). */
  setAside: string | null
  /**
   * `centralKeyUnreadable`: the copy opened, but the sealed enrolment key did not: the console works
   * alone until a supervisor connects it again.
   */
  reason: 'keyUnreadable' | 'keyMissing' | 'keyMismatch' | 'centralKeyUnreadable'
}

/** What the console says at start about an unreadable copy or key, until it is connected again. */
export interface LostCopyNotice {
  current(): LostCopy | null
  forget(): void
}

/**
 * This console's database key: read and opened from its seal, or made and sealed on first start.
 * Null when the sealed key exists but the store no longer opens it (a reset keyring, a Windows
 * password reset by an administrator): the caller sets the old copy aside.
 */
export function openDatabaseKey(dataDir: string, box: SecretBox): Buffer | null {
  const file = join(dataDir, DATABASE_KEY_FILE)
  if (!existsSync(file)) return null
  try {
    const key = Buffer.from(box.open(readFileSync(file, 'utf8').trim()), 'hex')
    return key.length === 32 ? key : null
  } catch {
    return null
  }
}

export function hasDatabaseKey(dataDir: string): boolean {
  return existsSync(join(dataDir, DATABASE_KEY_FILE))
}

/** A new random key, sealed and written (owner-only) before any page is encrypted with it. */
export function makeDatabaseKey(dataDir: string, box: SecretBox): Buffer {
  const key = randomBytes(32)
  writeFileSync(join(dataDir, DATABASE_KEY_FILE), box.seal(key.toString('hex')), { mode: 0o600 })
  return key
}

/**
 * Moves the copy that cannot be read (and its sealed key) aside, never deleting it: if the keyring
 * is restored, the utility's IT can still recover the unsent work in it. A fresh copy then comes
 * from the central service once a supervisor connects the console again.
 */
export function setAsideUnreadableCopy(
  dataDir: string,
  databaseFile: string,
  reason: Exclude<LostCopy['reason'], 'centralKeyUnreadable'>,
  at: Date,
): LostCopy {
  const suffix = `unreadable-${at.toISOString().replace(/[:.]/g, '-')}`
  for (const name of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, DATABASE_KEY_FILE]) {
    const path = join(dataDir, name)
    if (existsSync(path)) renameSync(path, `${path}.${suffix}`)
  }
  const lost: LostCopy = { at: at.toISOString(), setAside: `${databaseFile}.${suffix}`, reason }
  writeFileSync(join(dataDir, LOST_COPY_FILE), JSON.stringify(lost), { mode: 0o600 })
  return lost
}

export function readLostCopy(dataDir: string): LostCopy | null {
  const file = join(dataDir, LOST_COPY_FILE)
  if (!existsSync(file)) return null
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LostCopy
  } catch {
    return null
  }
}

/** Once the console is connected again (or set up anew), the notice has done its job. */
export function forgetLostCopy(dataDir: string): void {
  rmSync(join(dataDir, LOST_COPY_FILE), { force: true })
}
