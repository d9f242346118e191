import type BetterSqlite3 from 'better-sqlite3'
import { assignPeriod } from '@shared/domain/billing-period'
import type { SyncStatus } from '@shared/contract'
import type { Clock } from '../clock'
import type { AppEventBus } from '../events'
import { CentralClient, type ConsoleIdentity, type ServiceEndpoint } from './central-client'
import { readCommandAnswer, type CommandAnswer } from './command-answer'
import { initialSync } from './initial-sync'
import { LiveConnection } from './live-connection'
import { LocalMirror } from './local-mirror'
import { pullChanges } from './pull'
import { pushPending } from './push'
import { SyncState } from './sync-state'
import { describeSyncError, readSyncStatus, type LiveSyncState } from './sync-status'

/** How soon a feed held back by an open central transaction is read again. */
const HELD_BACK_RETRY_MS = 250

export interface SyncEngineOptions {
  endpoint: ServiceEndpoint
  identity: ConsoleIdentity
  db: BetterSqlite3.Database
  events: AppEventBus
  clock: Clock
  /** The safety net under the live connection's wake-ups: a pull at least this often. */
  periodicMs?: number
  /** Retry delays after a failure double from the first to the last. */
  backoffMs?: { first: number; max: number }
  /** How often the live connection checks that the service still answers (`HEARTBEAT_MS`). */
  heartbeatMs?: number
  /** Commands per push (`PUSH_BATCH_SIZE`); a test that kills a console mid-push uses small ones. */
  pushBatchSize?: number
  /** Work the console does on what it pulled (checking new web readings); returns commands queued. */
  afterPull?: () => number
}

/**
 * Runs sync on its own: woken by the central service (the live WebSocket says something was
 * committed), by a local command entering the outbox, by a periodic timer, or on demand. One cycle =
 * initial copy if still due, push everything queued, pull the feed. A failed cycle is retried with
 * growing delays until the service answers again; nothing is lost meanwhile, the outbox and the feed
 * cursor are in SQLite.
 */
export class SyncEngine {
  private readonly state: SyncState
  private readonly mirror: LocalMirror
  readonly client: CentralClient
  private readonly live: LiveConnection
  private liveState: LiveSyncState = {
    mode: 'offline',
    lastSyncAt: null,
    problem: null,
    initialSync: null,
    silent: false,
    starting: true,
  }
  private running: Promise<void> | null = null
  private again = false
  private stopped = false
  private failures = 0
  private retryTimer: NodeJS.Timeout | null = null
  private periodicTimer: NodeJS.Timeout | null = null
  private readonly offOutbox: () => void

  constructor(private readonly options: SyncEngineOptions) {
    this.state = new SyncState(options.db)
    // The console's clock against the service's: this machine's time against its answers', plus
    // how far the console's clock (a test's, or the system's) stands from this machine's.
    this.mirror = new LocalMirror(
      options.db,
      () => options.clock.now().getTime() - (Date.now() + this.client.serviceAheadMs),
    )
    this.client = new CentralClient(options.endpoint, options.identity)
    this.live = new LiveConnection(
      this.client,
      () => this.wake(),
      // A dropped socket is a reason to try again soon, not a failure of the cycle under way.
      () => {
        if (!this.stopped && this.liveState.mode === 'online') this.wake()
      },
      (silent) => {
        if (this.liveState.silent === silent) return
        this.liveState = { ...this.liveState, silent }
        this.publish()
      },
      options.heartbeatMs,
    )
    this.offOutbox = options.events.on('outbox.changed', () => this.wake())
  }

  start(): void {
    this.periodicTimer = setInterval(() => this.wake(), this.options.periodicMs ?? 30_000)
    this.wake()
  }

  status(): SyncStatus {
    return readSyncStatus(this.options.db, this.liveState)
  }

  /** Runs a cycle now (or right after the one under way) and resolves when it is over. */
  async syncNow(): Promise<SyncStatus> {
    this.wake()
    while (this.running) await this.running
    return this.status()
  }

  /**
   * Pushes now and says what the central service made of one command, for decisions whose author
   * should hear at once that someone else got there first. Gives up waiting after `timeoutMs` (the
   * service may be away): the command stays queued and its answer comes with a later sync.
   */
  async awaitAnswer(commandId: string, timeoutMs = 4_000): Promise<CommandAnswer> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      this.syncNow(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
      }),
    ])
    clearTimeout(timer)
    return readCommandAnswer(this.options.db, commandId)
  }

  /** Asks for a cycle; cycles never overlap, a wake-up during one makes one more. */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.cycle().finally(() => {
      this.running = null
      if (this.again && !this.stopped) {
        this.again = false
        this.wake()
      }
    })
  }

  private async cycle(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    try {
      await this.live.connect()
      const progress = await initialSync(
        this.client,
        this.mirror,
        this.state,
        assignPeriod(this.options.clock.now()).period,
        (p) => {
          this.liveState = {
            ...this.liveState,
            initialSync: p.done ? null : { copied: p.copied, total: p.total },
          }
          this.publish()
        },
      )
      if (progress.done) this.liveState = { ...this.liveState, initialSync: null }
      await this.pushAll()
      const pulled = await pullChanges(
        (cursor, limit) => this.live.feed(cursor, limit),
        this.mirror,
        this.state,
      )
      if (this.options.afterPull?.()) await this.pushAll()
      // Changes committed behind a central transaction still open: their notification is spent, so
      // look again shortly rather than at the next periodic cycle.
      if (pulled.heldBack && !this.stopped && !this.retryTimer)
        this.retryTimer = setTimeout(() => this.wake(), HELD_BACK_RETRY_MS)
      this.failures = 0
      this.liveState = {
        ...this.liveState,
        mode: 'online',
        problem: null,
        silent: false,
        starting: false,
        lastSyncAt: this.options.clock.now().toISOString(),
      }
    } catch (error) {
      this.failures += 1
      const problem = describeSyncError(error)
      // Silent stays said until the service answers again; a refusal or an outage replaces it.
      const silent = this.liveState.silent && problem.kind === 'noAnswer'
      this.liveState = { ...this.liveState, mode: 'offline', problem, silent, starting: false }
      this.live.close()
      const { first, max } = this.options.backoffMs ?? { first: 1_000, max: 30_000 }
      const delay = Math.min(max, first * 2 ** (this.failures - 1))
      if (!this.stopped) this.retryTimer = setTimeout(() => this.wake(), delay)
    }
    this.publish()
  }

  private async pushAll(): Promise<void> {
    for (;;) {
      const pushed = await pushPending(this.options.db, this.client, this.mirror, this.options.pushBatchSize)
      if (pushed.applied + pushed.refused + pushed.conflicts === 0) return
    }
  }

  private publish(): void {
    const entities = this.mirror.takeTouched()
    if (entities.length) this.options.events.emit('data.changed', { entities })
    this.options.events.emit('sync.status', this.status())
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.offOutbox()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.periodicTimer) clearInterval(this.periodicTimer)
    while (this.running) await this.running.catch(() => undefined)
    this.live.close()
    this.client.close()
  }
}
