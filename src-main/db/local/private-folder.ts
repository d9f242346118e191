import { chmodSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The console's data folder holds its sealed keys, the encrypted copy and the logs: readable by the
 * person's OS account only (docs/delivery.md#the-local-copy-encrypted-at-rest). Files are made that
 * way; this re-tightens, at every start, whatever an older version, a copy or a restore left wider.
 * Windows keeps its own ACLs, which the user profile folder already restricts.
 */
export function tightenPrivateFolder(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return
  chmodSync(dir, 0o700)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) tightenPrivateFolder(path, platform)
    else if (entry.isFile()) chmodSync(path, 0o600)
  }
}
