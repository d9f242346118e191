import type { syncChannels, syncSettingsChannels } from '@shared/contract'
import { AppError } from '../errors'
import type { ModuleDeps } from '../modules/deps'
import type { Handlers } from '../router'
import {
  connectionUrl,
  connectionView,
  readStoredConnection,
  saveCentralConnection,
} from './central-settings'
import { probeCentral } from './probe-central'
import type { SecretBox } from './secret-box'
import type { SyncController } from './sync-controller'

/**
 * Status and "sync now" for everyone; the central database connection for supervisors. Without a
 * central database the status says "local only" and "sync now" has nothing to do.
 */
export function syncHandlers(
  deps: ModuleDeps,
  controller: SyncController,
  box: SecretBox | null,
  /** Tests and `--central-url` fix the central database; the screen then only shows it. */
  fixed: boolean,
): Handlers<keyof typeof syncChannels | keyof typeof syncSettingsChannels> {
  const { local, events, pipeline } = deps
  events.on('outbox.changed', () => events.emit('sync.status', controller.status()))
  return {
    'sync.status': () => controller.status(),
    'sync.now': () => controller.syncNow(),
    'sync.connection': () => connectionView(local.sql),
    'sync.configure': async (input, { session }) => {
      if (!box) throw new AppError('SECRET_STORE_UNAVAILABLE')
      if (fixed) throw new AppError('FORBIDDEN')
      const stored = readStoredConnection(local.sql)
      let connection = null
      if (input.connection) {
        const password = input.connection.password || (stored ? box.open(stored.sealedPassword) : '')
        if (!password) throw new AppError('CENTRAL_PASSWORD_NEEDED')
        connection = { ...input.connection, password }
        await probeCentral(connectionUrl(connection))
      }
      const view = pipeline.run(saveCentralConnection, { connection, box }, { staff: session!.staff })
      await controller.connect(connection ? { url: connectionUrl(connection) } : null)
      return view
    },
  }
}
