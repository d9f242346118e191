import type { ExportProgress } from './channels/exports'
import type { SyncStatus } from './channels/sync'

/** What the main process pushes to subscribed renderers. */
export interface ContractEvents {
  'sync.status': SyncStatus
  'export.progress': ExportProgress
}
export type EventName = keyof ContractEvents
export const EVENT_NAMES: readonly EventName[] = ['sync.status', 'export.progress']
