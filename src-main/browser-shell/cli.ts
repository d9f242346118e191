import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createApp } from '../app'
import { fileSecretBox } from './file-secret-box'
import { startBrowserShell } from './server'

/**
 * `npm run start:browser`: the console in a browser on this machine only.
 * Options: --data-dir (or VODOKANAL_DATA_DIR), --port (or VODOKANAL_PORT). The central service is
 * joined on the first screen or in the settings (address, CA file, a supervisor's approval).
 */
async function main() {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
  })
  const dataDir = resolve(values['data-dir'] ?? process.env.VODOKANAL_DATA_DIR ?? '.data/browser')
  const staticDir = resolve('out/renderer')
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.error('Нет собранного интерфейса: сначала выполните `npx electron-vite build`.')
    process.exit(1)
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const app = await createApp({ dataDir, secrets: fileSecretBox(dataDir) })
  const shell = await startBrowserShell({
    app,
    staticDir,
    port: Number(values.port ?? process.env.VODOKANAL_PORT ?? 5180),
  })
  console.log(`Консоль «Водоканал» (локальная база: ${dataDir})`)
  console.log(`Откройте в браузере: ${shell.url}`)
  const stop = async () => {
    await shell.close()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
