import type { Clock } from '../clock'
import type { CommandPipeline } from '../commands/pipeline'
import type { LocalDatabase } from '../db/local/data-source'
import type { AppEventBus } from '../events'
import type { SessionStore } from './auth/sessions'
import type { PasswordHasher } from './staff/password-hash'

/** What the composition root hands every module. Modules never build these themselves. */
export interface ModuleDeps {
  local: LocalDatabase
  pipeline: CommandPipeline
  sessions: SessionStore
  hasher: PasswordHasher
  clock: Clock
  events: AppEventBus
  policy: SecurityPolicy
}

export interface SecurityPolicy {
  /** Wrong passwords in a row before the login is locked. */
  maxFailedSignIns: number
  loginLockMs: number
}
