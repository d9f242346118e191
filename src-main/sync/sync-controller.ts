import type { SyncStatus } from '@shared/contract'
import type { CentralClient, ConsoleIdentity, ServiceEndpoint } from './central-client'
import { readCommandAnswer, type CommandAnswer } from './command-answer'
import { SyncEngine, type SyncEngineOptions } from './sync-engine'
import { readSyncStatus } from './sync-status'

export type EngineOptions = Omit<SyncEngineOptions, 'endpoint' | 'identity' | 'periodicMs' | 'backoffMs'>

/** A central service to sync with, and this console's enrolment there. */
export interface CentralTarget {
  endpoint: ServiceEndpoint
  identity: ConsoleIdentity
  periodicMs?: number
  backoffMs?: { first: number; max: number }
  heartbeatMs?: number
  pushBatchSize?: number
}

/**
 * Owns the sync engine for the current central service setting: none (the console works alone and
 * says so), or one engine, replaced when a supervisor enrols the console elsewhere.
 */
export class SyncController {
  private current: SyncEngine | null = null

  constructor(private readonly options: EngineOptions) {}

  get engine(): SyncEngine | null {
    return this.current
  }

  /** The service client of the running engine: sign-in and the consoles list go through it. */
  get client(): CentralClient | null {
    return this.current?.client ?? null
  }

  async connect(target: CentralTarget | null): Promise<void> {
    const previous = this.current
    this.current = null
    await previous?.stop()
    if (target) {
      this.current = new SyncEngine({ ...this.options, ...target })
      this.current.start()
    }
    this.options.events.emit('sync.status', this.status())
  }

  status(): SyncStatus {
    return this.current ? this.current.status() : readSyncStatus(this.options.db)
  }

  async syncNow(): Promise<SyncStatus> {
    return this.current ? this.current.syncNow() : this.status()
  }

  /** Alone, a console's own word is final; otherwise the central service's, if it answers soon. */
  async awaitAnswer(commandId: string): Promise<CommandAnswer> {
    return this.current ? this.current.awaitAnswer(commandId) : readCommandAnswer(this.options.db, commandId)
  }

  async stop(): Promise<void> {
    await this.current?.stop()
    this.current = null
  }
}
