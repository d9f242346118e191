/**
 * Seals this console's secrets before they touch the disk (152-FZ: local copies are protected): the
 * local copy's database key and the console's enrolment key. The Electron shell uses the operating
 * system's store (`safeStorage`: DPAPI on Windows, the keyring on Linux); the browser shell, for
 * development and tests, a key file of its own.
 */
export interface SecretBox {
  /** Throws `SECRET_STORE_UNAVAILABLE` when the store cannot protect anything on this machine now. */
  assertAvailable(): void
  seal(secret: string): string
  open(sealed: string): string
}
