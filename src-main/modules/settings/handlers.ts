import type { settingsChannels } from '@shared/contract'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { readSettings, updateSettings } from './console-settings'

export function settingsHandlers(deps: ModuleDeps): Handlers<keyof typeof settingsChannels> {
  const { local, pipeline } = deps
  return {
    'settings.get': () => readSettings(local.sql),
    'settings.update': (input, { session }) => pipeline.run(updateSettings, input, { staff: session.staff }),
  }
}
