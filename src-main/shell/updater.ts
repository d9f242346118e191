import { app } from 'electron'
import electronUpdater from 'electron-updater'

/** Installed builds check the utility's update feed at start and install on the next quit. */
export function checkForUpdates(): void {
  if (!app.isPackaged) return
  electronUpdater.autoUpdater.autoInstallOnAppQuit = true
  electronUpdater.autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    console.error('update check failed', error)
  })
}
