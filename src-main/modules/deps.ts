import type { Clock } from '../clock'
import type { CommandPipeline } from '../commands/pipeline'
import type { LocalDatabase } from '../db/local/data-source'
import type { AppEventBus } from '../events'
import type { PersonKeyStore } from './auth/person-keys'
import type { SessionStore } from './auth/sessions'
import type { CentralClient } from '../sync/central-client'
import type { CommandAnswer } from '../sync/command-answer'
import type { PasswordHasher } from './staff/password-hash'
import type { LostCopyNotice } from '../db/local/database-key'

/** What the composition root hands every module. Modules never build these themselves. */
export interface ModuleDeps {
  local: LocalDatabase
  pipeline: CommandPipeline
  sessions: SessionStore
  hasher: PasswordHasher
  /** Each person's signing key on this console, wrapped by their password. */
  personKeys: PersonKeyStore
  clock: Clock
  events: AppEventBus
  policy: SecurityPolicy
  /**
   * What the central database made of a command just run: its answer when one is configured and
   * answers within a few seconds; otherwise `queued` (server away, or none configured yet: the
   * outbox keeps the command for when there is one).
   */
  centralAnswer(commandId: string): Promise<CommandAnswer>
  /** The central service, when this console is enrolled at one (null: it works alone). */
  central: CentralAccess
  /** Set when the copy or the enrolment key found at start could not be read. */
  lostCopy: LostCopyNotice
}

export interface CentralAccess {
  client(): CentralClient | null
  /** The last sync cycle reached the service. */
  online(): boolean
}

export interface SecurityPolicy {
  /** Wrong passwords in a row before the login is locked. */
  maxFailedSignIns: number
  loginLockMs: number
}
