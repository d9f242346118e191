import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * The Electron binary's path, or null where it was never downloaded (an install with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1): the `electron` package's index then throws instead of answering.
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}
