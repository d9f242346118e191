import type { ChannelName } from '@shared/contract'
import { systemClock, type Clock } from './clock'
import { CommandPipeline } from './commands/pipeline'
import { openLocalDatabase, type LocalDatabase } from './db/local/data-source'
import { AppEventBus } from './events'
import { accountsHandlers } from './modules/accounts/handlers'
import { auditHandlers } from './modules/audit/handlers'
import { authHandlers } from './modules/auth/handlers'
import { readingsHandlers } from './modules/readings/handlers'
import { checkArrivedWebReadings } from './modules/readings/web-readings'
import { SessionStore } from './modules/auth/sessions'
import type { ModuleDeps, SecurityPolicy } from './modules/deps'
import { registrationsHandlers } from './modules/registrations/handlers'
import { conflictsHandlers } from './modules/conflicts/handlers'
import { readSettings } from './modules/settings/console-settings'
import { settingsHandlers } from './modules/settings/handlers'
import { staffHandlers } from './modules/staff/handlers'
import { PasswordHasher } from './modules/staff/password-hash'
import { createRouter, type Handlers, type Router, type RouterLogger } from './router'
import { syncHandlers } from './sync/handlers'
import { storedConnectionUrl } from './sync/central-settings'
import type { SecretBox } from './sync/secret-box'
import { SyncController, type CentralTarget } from './sync/sync-controller'
import type { SyncEngine } from './sync/sync-engine'

export interface AppConfig {
  /** Where the local SQLite database lives: Electron's userData, or a folder given to the browser shell. */
  dataDir: string
  clock?: Clock
  /** Overrides the supervisors' idle-lock setting; tests use seconds instead of minutes. */
  idleLockMs?: number
  /** scrypt cost as log2(N); below the OWASP default only in unit and integration tests. */
  passwordHashLogN?: number
  policy?: Partial<SecurityPolicy>
  nativeBinding?: string
  logger?: RouterLogger
  /** The central PostgreSQL database; none = the embedded default, the local database alone. */
  central?: CentralTarget
  /**
   * Seals the central database password a supervisor enters (Electron: safeStorage). Without one the
   * console cannot store a connection and says so.
   */
  secrets?: SecretBox
}

export interface ConsoleApp {
  router: Router
  events: AppEventBus
  local: LocalDatabase
  pipeline: CommandPipeline
  /** Present while a central database is configured. */
  readonly sync: SyncEngine | null
  close(): Promise<void>
}

export const DEFAULT_POLICY: SecurityPolicy = { maxFailedSignIns: 5, loginLockMs: 15 * 60_000 }

/** The composition root: builds the whole console without Electron, so tests run the real thing. */
export async function createApp(config: AppConfig): Promise<ConsoleApp> {
  const clock = config.clock ?? systemClock
  const local = await openLocalDatabase({ dataDir: config.dataDir, nativeBinding: config.nativeBinding })
  const events = new AppEventBus()
  const sessions = new SessionStore(
    clock,
    () => config.idleLockMs ?? readSettings(local.sql).idleLockMinutes * 60_000,
  )
  const deps: ModuleDeps = {
    local,
    pipeline: new CommandPipeline(local.sql, clock, events),
    sessions,
    hasher: new PasswordHasher(config.passwordHashLogN),
    clock,
    events,
    policy: { ...DEFAULT_POLICY, ...config.policy },
    centralAnswer: (commandId) => sync.awaitAnswer(commandId),
  }
  const sync = new SyncController({
    db: local.sql,
    events,
    clock,
    // Web readings are checked by the console that pulls them, with the same rules as a paper form.
    afterPull: () => checkArrivedWebReadings(local.sql, deps.pipeline),
  })
  const handlers: Handlers<ChannelName> = {
    ...authHandlers(deps),
    ...staffHandlers(deps),
    ...auditHandlers(deps),
    ...settingsHandlers(deps),
    ...syncHandlers(deps, sync, config.secrets ?? null, Boolean(config.central)),
    ...accountsHandlers(deps),
    ...readingsHandlers(deps),
    ...registrationsHandlers(deps),
    ...conflictsHandlers(deps),
  }
  const stored = config.secrets ? storedConnectionUrl(local.sql, config.secrets) : null
  await sync.connect(config.central ?? (stored ? { url: stored } : null))
  const logger = config.logger ?? { error: (message, error) => console.error(message, error) }
  return {
    router: createRouter({ handlers, sessions, logger }),
    events,
    local,
    pipeline: deps.pipeline,
    get sync() {
      return sync.engine
    },
    close: async () => {
      await sync.stop()
      await local.close()
    },
  }
}
