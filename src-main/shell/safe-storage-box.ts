import { safeStorage } from 'electron'
import { AppError } from '../errors'
import type { SecretBox } from '../sync/secret-box'

/** The operating system's protection: DPAPI on Windows, the keyring (libsecret/kwallet) on Linux. */
export function safeStorageBox(): SecretBox {
  return {
    seal(secret) {
      // Without the OS store (a Linux session with no keyring) the password is not kept at all.
      if (!safeStorage.isEncryptionAvailable()) throw new AppError('SECRET_STORE_UNAVAILABLE')
      return safeStorage.encryptString(secret).toString('base64')
    },
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
