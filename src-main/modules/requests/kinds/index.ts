import type { RequestKind } from '@shared/domain/requests/kinds'
import { closure } from './closure'
import type { ConsoleKind } from './console-kind'
import { meterCommissioning } from './meter-commissioning'
import { reRegistration } from './re-registration'

/**
 * Each kind's console side, by the shared list of kinds (shared/domain/requests/kinds): a kind
 * declared there and missing here is a compile error (docs/architecture.md#adding-a-request-kind).
 */
export const CONSOLE_KINDS: { [K in RequestKind]: ConsoleKind<K> } = {
  closure,
  reRegistration,
  meterCommissioning,
}
