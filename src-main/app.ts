import { needsOnlineSession } from '@shared/central/commands'
import { sessionProof } from './modules/auth/session-proof'
import type { ChannelName, SuggestedService } from '@shared/contract'
import { systemClock, type Clock } from './clock'
import { CommandPipeline } from './commands/pipeline'
import type { LocalDatabase } from './db/local/data-source'
import { forgetLostCopy, type LostCopy } from './db/local/database-key'
import { openLocalCopy } from './db/local/local-copy'
import { fileSecretBox } from './browser-shell/file-secret-box'
import { AppEventBus } from './events'
import { accountsHandlers } from './modules/accounts/handlers'
import { auditHandlers } from './modules/audit/handlers'
import { authHandlers, type DemoSignIn } from './modules/auth/handlers'
import { readingsHandlers } from './modules/readings/handlers'
import { checkArrivedWebReadings } from './modules/readings/web-readings'
import { AssignedWorkWatch } from './modules/questions/assigned-work'
import { SessionStore } from './modules/auth/sessions'
import { PersonKeyStore } from './modules/auth/person-keys'
import type { ModuleDeps, SecurityPolicy } from './modules/deps'
import { registrationsHandlers } from './modules/registrations/handlers'
import { ExportJobs } from './modules/exports/export-jobs'
import { exportsHandlers, type SaveFileDialog } from './modules/exports/handlers'
import { questionsHandlers } from './modules/questions/handlers'
import { reportsHandlers } from './modules/reports/handlers'
import { requestsHandlers } from './modules/requests/handlers'
import { conflictsHandlers } from './modules/conflicts/handlers'
import { readSettings } from './modules/settings/console-settings'
import { settingsHandlers } from './modules/settings/handlers'
import { openWork } from './modules/updates/open-work'
import { releaseClaimsOf } from './modules/claims/release-claims'
import { updatesHandlers } from './modules/updates/handlers'
import { notInstalled, type UpdaterFactory } from './updates/console-updater'
import { APP_VERSION } from './app-version'
import { staffHandlers } from './modules/staff/handlers'
import { PasswordHasher } from './modules/staff/password-hash'
import { createRouter, type Handlers, type Router, type RouterLogger } from './router'
import { storedService } from './sync/central-settings'
import { syncHandlers, type EngineTiming } from './sync/handlers'
import type { SecretBox } from './sync/secret-box'
import { SyncController } from './sync/sync-controller'
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
  /** How often sync runs and retries (tests use short delays); the service itself is enrolled, not configured. */
  syncTiming?: EngineTiming
  /** Absolute session lifetime; 12 hours by default. */
  sessionLifetimeMs?: number
  /**
   * Seals this console's enrolment key and its local copy's key (Electron: safeStorage). Without one
   * the console cannot be enrolled at a central service and says so, and the copy's key is sealed by
   * a key file in the data folder, as in the browser shell (tests and benchmarks).
   */
  secrets?: SecretBox
  /** The service the shell was started pointed at; prefills the enrolment form, trusts nothing. */
  suggestedService?: SuggestedService
  /**
   * Only `npm run demo`: the demo supervisor's login and password, which the sign-in screen uses by
   * itself once per page load (the demo prints them anyway). The Electron shell never sets it.
   */
  demoSignIn?: DemoSignIn
  /** Electron's save dialog for finished exports; the browser shell downloads them instead. */
  saveDialog?: SaveFileDialog
  /** The installed program's updater (Electron); elsewhere the console says it is not installed. */
  updater?: UpdaterFactory
  /**
   * Every answer checked against its channel's output schema (docs/architecture.md#one-codebase-two-shells-one-contract):
   * on in tests, the browser shell and an unpackaged Electron, off in the installed program, where a
   * mismatch would cost each call a parse for nothing the person could act on.
   */
  checkOutputs?: boolean
}

export interface ConsoleApp {
  router: Router
  events: AppEventBus
  local: LocalDatabase
  pipeline: CommandPipeline
  /** Finished exports wait here until saved (Electron) or downloaded (the browser shell). */
  exports: ExportJobs
  /** Present while the console is enrolled at a central service. */
  readonly sync: SyncEngine | null
  close(): Promise<void>
}

const IDLE_SWEEP_MS = 30_000

export const DEFAULT_POLICY: SecurityPolicy = { maxFailedSignIns: 5, loginLockMs: 15 * 60_000 }

/** The composition root: builds the whole console without Electron, so tests run the real thing. */
export async function createApp(config: AppConfig): Promise<ConsoleApp> {
  const clock = config.clock ?? systemClock
  const timing = config.syncTiming ?? {}
  const opened = await openLocalCopy({
    dataDir: config.dataDir,
    box: config.secrets ?? fileSecretBox(config.dataDir),
    now: clock.now(),
    nativeBinding: config.nativeBinding,
  })
  const local = opened.local
  let lostCopy: LostCopy | null = opened.lostCopy
  const events = new AppEventBus()
  const staffState = local.sql.prepare(`SELECT active, role FROM staff WHERE id = ?`)
  const sessions = new SessionStore(
    clock,
    () => config.idleLockMs ?? readSettings(local.sql).idleLockMinutes * 60_000,
    (staff) => {
      const row = staffState.get(staff.id) as { active: number; role: string } | undefined
      return row !== undefined && row.active === 1 && row.role === staff.role
    },
    config.sessionLifetimeMs,
  )
  const hasher = new PasswordHasher(config.passwordHashLogN)
  const deps: ModuleDeps = {
    local,
    // A person's command is signed by their open key for the console it is made on (an enrolled
    // one); work made alone is never pushed as anyone (docs/central-service.md#proof-of-person).
    pipeline: new CommandPipeline(local.sql, clock, events, (staff, fields) => {
      const consoleId = sync.client?.consoleId
      const signer = sessions.signerFor(staff.id)
      if (!consoleId || !signer) return null
      const proof = signer.prove({ ...fields, consoleId })
      // Staff management also carries the author's live online session (shared/central/command-proof.ts).
      const token = needsOnlineSession(fields.command) ? sessions.centralTokenFor(staff.id) : null
      return token ? { ...proof, sessionProof: sessionProof(token, fields.commandId) } : proof
    }),
    sessions,
    hasher,
    personKeys: new PersonKeyStore(local.sql, hasher),
    clock,
    events,
    policy: { ...DEFAULT_POLICY, ...config.policy },
    centralAnswer: (commandId) => sync.awaitAnswer(commandId),
    central: {
      client: () => sync.client,
      online: () => sync.status().mode === 'online',
    },
    lostCopy: {
      current: () => lostCopy,
      forget: () => {
        lostCopy = null
        forgetLostCopy(config.dataDir)
      },
    },
  }
  const assignedWork = new AssignedWorkWatch(local.sql, () => sessions.signedInLogins(), events)
  events.on('outbox.changed', () => assignedWork.check(false))
  const sync = new SyncController({
    db: local.sql,
    events,
    clock,
    // Web readings are checked by the console that pulls them, with the same rules as a paper form.
    afterPull: () => {
      assignedWork.check(true)
      return checkArrivedWebReadings(local.sql, deps.pipeline)
    },
  })
  const exports = new ExportJobs(config.dataDir, events, clock, () => local.openReader())
  const updater =
    config.updater?.({
      workOpen: () => openWork(local.sql, sessions.signedInLogins(), clock.now()),
      settings: () => readSettings(local.sql),
      publish: (status) => events.emit('updates.status', status),
    }) ?? notInstalled(APP_VERSION)
  const handlers: Handlers<ChannelName> = {
    ...authHandlers(deps, config.demoSignIn ?? null),
    ...staffHandlers(deps),
    ...auditHandlers(deps, exports),
    ...settingsHandlers(deps),
    ...syncHandlers(deps, sync, config.secrets ?? null, timing, config.suggestedService),
    ...accountsHandlers(deps),
    ...readingsHandlers(deps),
    ...registrationsHandlers(deps),
    ...requestsHandlers(deps, config.secrets ?? null),
    ...questionsHandlers(deps),
    ...exportsHandlers(deps, exports, config.saveDialog ?? null),
    ...reportsHandlers(deps, exports),
    ...conflictsHandlers(deps),
    ...updatesHandlers(updater),
  }
  const logger = config.logger ?? { error: (message, error) => console.error(message, error) }
  logger.info?.(`console ${APP_VERSION} started`)
  if (opened.lostCopy?.setAside)
    logger.info?.(
      `unreadable local copy (${opened.lostCopy.reason}) set aside as ${opened.lostCopy.setAside}`,
    )
  let syncMode: string | null = null
  let syncProblem: string | null = null
  events.on('sync.status', (status) => {
    if (status.mode !== syncMode) logger.info?.(`sync ${syncMode ?? 'starting'} -> ${status.mode}`)
    syncMode = status.mode
    // The screen says "обратитесь к администратору"; the administrator finds the detail here.
    const problem = status.problem
      ? `${status.problem.kind}${status.problem.detail ? `: ${status.problem.detail}` : ''}`
      : null
    if (problem && problem !== syncProblem) logger.info?.(`sync problem ${problem}`)
    syncProblem = problem
  })
  sessions.onIdleLock((session) => {
    const released = releaseClaimsOf(local.sql, deps.pipeline, session.staff, clock.now())
    logger.info?.(`session of ${session.staff.login} idle-locked; ${released} claim(s) released`)
  })
  // Idle sessions lock (and let go of their claims) even when nobody calls anything.
  const idleSweep = setInterval(() => sessions.sweep(), IDLE_SWEEP_MS)
  idleSweep.unref()
  let stored: ReturnType<typeof storedService> = null
  try {
    stored = config.secrets ? storedService(local.sql, config.secrets) : null
  } catch (error) {
    // A reset keyring or a Windows password reset: the console starts and works alone, and says so
    // until a supervisor connects it again (a new key pair, the same service).
    logger.info?.(`the sealed enrolment key does not open: ${(error as Error).message}`)
    lostCopy ??= { at: clock.now().toISOString(), setAside: null, reason: 'centralKeyUnreadable' }
  }
  await sync.connect(stored ? { ...stored, ...timing } : null)
  return {
    router: createRouter({ handlers, sessions, logger, checkOutputs: config.checkOutputs ?? false }),
    events,
    local,
    pipeline: deps.pipeline,
    exports,
    get sync() {
      return sync.engine
    },
    close: async () => {
      clearInterval(idleSweep)
      updater.stop()
      await sync.stop()
      await local.close()
    },
  }
}
