import type { ConsoleSettings, UpdateStatus } from '@shared/contract'
import { UpdateCycle, type UpdatePorts } from './update-cycle'

/** What the console's screens ask of updating. */
export interface ConsoleUpdater {
  status(): UpdateStatus
  check(): Promise<UpdateStatus>
  restartNow(): 'restarting' | 'workOpen' | 'nothingReady'
  stop(): void
}

/** What the composition root gives the shell's updater: this console's work, settings and events. */
export interface UpdaterNeeds {
  workOpen(): boolean
  settings(): ConsoleSettings
  publish(status: UpdateStatus): void
}

/** Made by the shell: Electron's installed program has one, the browser shell none. */
export type UpdaterFactory = (needs: UpdaterNeeds) => ConsoleUpdater

/** The platform's part: where builds come from and how one is installed. */
export type PlatformPorts = Pick<
  UpdatePorts,
  'latest' | 'download' | 'check' | 'installOnQuit' | 'restartAndInstall' | 'every'
>

/** The update cycle wired to a console: held and open work from its database, states to its screens. */
export function consoleUpdater(
  currentVersion: string,
  platform: PlatformPorts,
  needs: UpdaterNeeds,
): ConsoleUpdater {
  const status = (): UpdateStatus => ({ installed: true, currentVersion, state: cycle.current() })
  const cycle: UpdateCycle = new UpdateCycle({
    ...platform,
    currentVersion,
    workOpen: needs.workOpen,
    held: () => needs.settings().holdVersion,
    onState: () => needs.publish(status()),
  })
  void cycle.start()
  return {
    status,
    check: async () => {
      await cycle.check()
      return status()
    },
    restartNow: () => cycle.restartNow(),
    stop: () => cycle.stop(),
  }
}

/** Where the console is not an installed program: says so, and never looks for updates. */
export function notInstalled(currentVersion: string): ConsoleUpdater {
  const status = (): UpdateStatus => ({ installed: false, currentVersion, state: { kind: 'idle' } })
  return {
    status,
    check: async () => status(),
    restartNow: () => 'nothingReady',
    stop: () => undefined,
  }
}
