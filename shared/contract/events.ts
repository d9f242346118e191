import type { ExportProgress } from './channels/exports'
import type { SyncStatus } from './channels/sync'
import type { UpdateStatus } from './channels/updates'

/** What the main process pushes to subscribed renderers. */
export interface ContractEvents {
  'sync.status': SyncStatus
  'export.progress': ExportProgress
  'updates.status': UpdateStatus
  /** The desktop menu's Справка → Клавиши: the window opens its help panel. */
  'shell.help': Record<string, never>
  /** New questions assigned to someone signed in here arrived with sync (a notification or a toast). */
  'work.assigned': { login: string; questions: number }
  /**
   * Rows changed, by this console's commands or by sync, named by their row-key entities
   * (`shared/central/row-keys.ts`: 'account', 'reading', 'question', 'claim'…): a store redraws only
   * what shows one of them.
   */
  'data.changed': { entities: string[] }
  /** A softphone or a PBX handed the console an incoming call (docs/screen-pop.md): the caller's number. */
  'call.incoming': { phone: string }
}
export type EventName = keyof ContractEvents
export const EVENT_NAMES: readonly EventName[] = [
  'sync.status',
  'export.progress',
  'updates.status',
  'shell.help',
  'work.assigned',
  'data.changed',
  'call.incoming',
]
