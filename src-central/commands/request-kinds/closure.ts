import type pg from 'pg'
import { accountClosed } from '../mail-templates'
import { queueLetter } from '../queue-letter'
import { revokeCabinet, type CentralKind } from './central-kind'

/**
 * A closure (docs/business-rules.md#closure-and-re-registration-requests): the account closed from the
 * date, its meters removed, its cabinet revoked; the letter states a private house's debt.
 */
export const closure: CentralKind<'closure'> = {
  async complete({ client, request, account, payload, ctx }) {
    await client.query(
      `UPDATE accounts SET status = 'closed', closed_on = $2, updated_at = now() WHERE id = $1`,
      [account.id, payload.on],
    )
    await client.query(
      `UPDATE meters SET status = 'removed', removed_on = $2 WHERE account_id = $1 AND status = 'active'`,
      [account.id, payload.on],
    )
    await revokeCabinet(client, account.id)
    const to = request.email ?? account.email
    if (to) {
      const debt = account.house_type === 'private' ? await debtOf(client, account.id) : 0
      await queueLetter(
        client,
        ctx,
        to,
        Number(account.id),
        accountClosed(request.account_number, payload.on, debt),
      )
    }
  },
}

/** What the account owes: everything charged less everything paid, never below zero. */
async function debtOf(client: pg.ClientBase, accountId: string): Promise<number> {
  const { rows } = await client.query<{ owed: string }>(
    `SELECT (coalesce((SELECT sum(amount_kopecks) FROM charges WHERE account_id = $1), 0)
      - coalesce((SELECT sum(amount_kopecks) FROM payments WHERE account_id = $1), 0))::text AS owed`,
    [accountId],
  )
  return Math.max(0, Number(rows[0]!.owed))
}
