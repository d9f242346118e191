import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app } from 'electron'

/**
 * Tests and the browser shell load better-sqlite3 built for Node; the unpackaged Electron app needs
 * one built for Electron's ABI, which `npm start` builds into .electron-native/ (scripts/).
 * Packaged builds are rebuilt for Electron by the packager and need nothing here.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined
  const built = join(
    app.getAppPath(),
    '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  )
  return existsSync(built) ? built : undefined
}
