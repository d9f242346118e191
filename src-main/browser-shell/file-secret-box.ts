import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretBox } from '../sync/secret-box'

/**
 * The browser shell's secret store: AES-256-GCM with a random key kept in the data folder, readable
 * by this user only. It keeps the password out of the database file and out of backups of it; it is
 * not the operating system's protection the Electron shell gets from `safeStorage`.
 */
export function fileSecretBox(dataDir: string): SecretBox {
  const keyPath = join(dataDir, 'secret.key')
  if (!existsSync(keyPath)) writeFileSync(keyPath, randomBytes(32), { mode: 0o600 })
  const key = readFileSync(keyPath)
  return {
    assertAvailable: () => undefined,
    seal(secret) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}
