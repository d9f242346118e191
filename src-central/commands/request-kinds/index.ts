import type { RequestKind } from '@shared/domain/requests/kinds'
import type { CentralKind } from './central-kind'
import { closure } from './closure'
import { meterCommissioning } from './meter-commissioning'
import { reRegistration } from './re-registration'

/**
 * Each kind's central side, by the shared list of kinds (shared/domain/requests/kinds): a kind declared
 * there and missing here is a compile error (docs/architecture.md#adding-a-request-kind).
 */
export const CENTRAL_KINDS: { [K in RequestKind]: CentralKind<K> } = {
  closure,
  reRegistration,
  meterCommissioning,
}
