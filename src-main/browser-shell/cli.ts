import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import log from 'electron-log/node'
import { parseArgs } from 'node:util'
import { createApp } from '../app'
import { fileLog } from '../logging/app-log'
import { fileSecretBox } from './file-secret-box'
import { startBrowserShell } from './server'

/**
 * `npm run start:browser`: the console in a browser on this machine only.
 * Options: --data-dir (or VODOKANAL_DATA_DIR), --port (or VODOKANAL_PORT), and --central URL with
 * --central-ca FILE (the utility's CA, when it runs its own) to prefill the enrolment form. The
 * console is joined to the service on the first screen or in the settings, with a central
 * supervisor's approval: a flag alone never makes a console trusted.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      central: { type: 'string' },
      'central-ca': { type: 'string' },
    },
  })
  const caFile = values['central-ca'] ? resolve(values['central-ca']) : null
  if (caFile && !existsSync(caFile)) {
    console.error(`Нет файла сертификата центра сертификации: ${caFile}`)
    process.exit(1)
  }
  const dataDir = resolve(values['data-dir'] ?? process.env.VODOKANAL_DATA_DIR ?? '.data/browser')
  const staticDir = resolve('out/renderer')
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.error('Нет собранного интерфейса: сначала выполните `npx electron-vite build`.')
    process.exit(1)
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const app = await createApp({
    dataDir,
    logger: fileLog(log, join(dataDir, 'logs')),
    secrets: fileSecretBox(dataDir),
    checkOutputs: true,
    suggestedService: {
      url: values.central ?? null,
      caPem: caFile ? readFileSync(caFile, 'utf8') : null,
      caName: caFile ? basename(caFile) : null,
    },
  })
  const shell = await startBrowserShell({
    app,
    staticDir,
    port: Number(values.port ?? process.env.VODOKANAL_PORT ?? 5180),
  })
  console.log(`Консоль «Водоканал» (локальная база: ${dataDir})`)
  console.log(`Откройте в браузере: ${shell.url}`)
  if (values.central) console.log(`Центральная служба для подключения: ${values.central}`)
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
