import { safeStorage } from 'electron'
import type { SecretBox } from '../sync/secret-box'

/** The operating system's protection: DPAPI on Windows, the keyring (libsecret/kwallet) on Linux. */
export function safeStorageBox(): SecretBox {
  return {
    seal(secret) {
      if (!safeStorage.isEncryptionAvailable())
        throw new Error('safeStorage is not available: no protected store for the central database password')
      return safeStorage.encryptString(secret).toString('base64')
    },
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
