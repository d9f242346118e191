import { safeStorage } from 'electron'
import { AppError } from '../errors'
import type { SecretBox } from '../sync/secret-box'

/**
 * The operating system's protection: DPAPI on Windows, the keyring (libsecret/kwallet) on Linux.
 * Linux's `basic_text` backend (no keyring in the session) is refused: it "encrypts" with a key
 * written into Chromium itself, which protects nothing (docs/delivery.md says how to fix the session).
 */
export function safeStorageBox(): SecretBox {
  const assertAvailable = () => {
    const basicText = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
    if (!safeStorage.isEncryptionAvailable() || basicText) throw new AppError('SECRET_STORE_UNAVAILABLE')
  }
  return {
    assertAvailable,
    seal(secret) {
      assertAvailable()
      return safeStorage.encryptString(secret).toString('base64')
    },
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
