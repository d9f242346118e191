import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app } from 'electron'
import electronUpdater from 'electron-updater'
import { checkBuild } from '../updates/update-checks'
import { consoleUpdater, notInstalled, type UpdaterFactory } from '../updates/console-updater'
import { readFeed, readSignature, type UpdatePlatform } from '../updates/update-feed'

/**
 * Updates of the installed program from the utility's own feed (docs/delivery.md). Our cycle decides
 * (versions only forward, a supervisor's hold, never a restart over open work); electron-updater
 * downloads and installs. A build is installed only if the utility's Ed25519 key
 * (`resources/update-signing.pub.pem`) signed its version, name, size and SHA-512 together, on Windows
 * as on Linux (where electron-updater also checks the installer's publisher).
 */
export const electronUpdaterFactory: UpdaterFactory = (needs) => {
  if (!app.isPackaged) return notInstalled(app.getVersion())
  const updater = electronUpdater.autoUpdater
  updater.autoDownload = false
  updater.autoInstallOnAppQuit = false
  updater.allowDowngrade = false
  const platform: UpdatePlatform = process.platform === 'win32' ? 'win' : 'linux'
  const keyFile = join(process.resourcesPath, 'update-signing.pub.pem')
  const publicKeyPem = existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : null
  const feed = () => {
    const url = needs.settings().updateFeedUrl
    if (!url) throw new Error('Адрес сервера обновлений не задан (Настройки)')
    return url
  }
  return consoleUpdater(
    app.getVersion(),
    {
      latest: () => readFeed(feed(), platform),
      download: async (_release, onProgress) => {
        updater.setFeedURL({ provider: 'generic', url: feed() })
        const onEvent = (progress: { percent: number }) => onProgress(Math.round(progress.percent))
        updater.on('download-progress', onEvent)
        try {
          await updater.checkForUpdates()
          const [file] = await updater.downloadUpdate()
          if (!file) throw new Error('Обновление не загрузилось')
          return file
        } finally {
          updater.off('download-progress', onEvent)
        }
      },
      check: async (file, release) =>
        checkBuild(file, release, { signature: await readSignature(feed(), release), publicKeyPem }),
      installOnQuit: () => {
        updater.autoInstallOnAppQuit = true
      },
      restartAndInstall: () => updater.quitAndInstall(false, true),
      every: (ms, run) => {
        const timer = setInterval(run, ms)
        return () => clearInterval(timer)
      },
    },
    needs,
  )
}
