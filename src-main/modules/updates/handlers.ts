import type { updatesChannels } from '@shared/contract'
import type { Handlers } from '../../router'
import type { ConsoleUpdater } from '../../updates/console-updater'

export function updatesHandlers(updater: ConsoleUpdater): Handlers<keyof typeof updatesChannels> {
  return {
    'updates.status': () => updater.status(),
    'updates.check': () => updater.check(),
    'updates.restart': () => ({ outcome: updater.restartNow() }),
  }
}
