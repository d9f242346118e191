/**
 * Seals the central database password before it touches the disk (152-FZ: local copies are
 * protected). The Electron shell uses the operating system's store (`safeStorage`: DPAPI on Windows,
 * the keyring on Linux); the browser shell, for development and tests, a key file of its own.
 */
export interface SecretBox {
  seal(secret: string): string
  open(sealed: string): string
}
