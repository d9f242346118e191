import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import type { CompletionEffect, RequestKind } from '@shared/domain/requests/kinds'
import type { CentralCommandContext } from '../outcome'
import type { RequestRow } from '../requests'

/** The account a completion works on, locked for the command's transaction. */
export interface AccountRow {
  id: string
  status: 'active' | 'closed'
  house_type: 'mkd' | 'private'
  surname: string
  first_name: string
  patronymic: string | null
  phone: string | null
  email: string | null
  opened_on: string
}

/** What every kind's completion writes with. */
export interface CentralCompletion {
  client: pg.ClientBase
  request: RequestRow
  account: AccountRow
  payload: CentralPayload<'requests.complete'>
  ctx: CentralCommandContext
}

/**
 * A kind's central side (docs/architecture.md#adding-a-request-kind): what its completion writes in
 * PostgreSQL, in the command's transaction, and the letter it sends.
 */
export interface CentralKind<K extends RequestKind> {
  complete(scene: CentralCompletion, effect: CompletionEffect<K>): Promise<void>
}

export async function revokeCabinet(client: pg.ClientBase, accountId: string) {
  await client.query(
    `UPDATE cabinets SET state = 'revoked', updated_at = now() WHERE account_id = $1 AND state <> 'revoked'`,
    [accountId],
  )
}
