import type pg from 'pg'
import { appendAudit } from '../audit/audit-trail'

/**
 * Passes accounts to the owners whose re-registration takes effect by `today` (a Moscow date;
 * docs/business-rules.md#closure-and-re-registration-requests): the account takes the new owner's name
 * and contacts, the previous owner's cabinet is revoked, and the owner row is marked switched, so a
 * name a clerk corrects later is never switched back. Run at a completion dated today or earlier (for
 * that account) and by the service every hour (for every account); each row is switched once, whoever
 * runs first, since the row lock makes a second runner find it switched.
 */
export async function switchDueOwners(
  client: pg.ClientBase,
  today: string,
  accountId: string | null = null,
): Promise<number> {
  const { rows } = await client.query<{
    account_id: string
    number: string
    surname: string
    first_name: string
    patronymic: string | null
    phone: string | null
    email: string | null
    owned_from: string
  }>(
    `WITH due AS (
      UPDATE account_owners SET switched_at = now()
      WHERE switched_at IS NULL AND owned_from <= $1::date AND ($2::bigint IS NULL OR account_id = $2)
      RETURNING account_id, surname, first_name, patronymic, phone, email, owned_from, id
    ), latest AS (
      SELECT DISTINCT ON (account_id) * FROM due ORDER BY account_id, owned_from DESC, id DESC
    )
    UPDATE accounts a SET surname = l.surname, first_name = l.first_name, patronymic = l.patronymic,
      phone = l.phone, email = l.email, updated_at = now()
    FROM latest l WHERE a.id = l.account_id
    RETURNING a.id AS account_id, a.number, l.surname, l.first_name, l.patronymic, l.phone, l.email,
      l.owned_from::text AS owned_from`,
    [today, accountId],
  )
  const switched = rows.map((r) => r.account_id)
  // The tamper-evident trail says the account changed hands, and to whom, on its day.
  if (rows.length)
    await appendAudit(
      client,
      rows.map((r) => ({
        action: 'account.ownerSwitched',
        staffLogin: null,
        consoleId: null,
        detail: {
          accountId: Number(r.account_id),
          accountNumber: r.number,
          owner: {
            surname: r.surname,
            firstName: r.first_name,
            patronymic: r.patronymic,
            phone: r.phone,
            email: r.email,
          },
          from: r.owned_from,
        },
      })),
    )
  if (switched.length)
    await client.query(
      `UPDATE cabinets SET state = 'revoked', updated_at = now() WHERE account_id = ANY($1::bigint[]) AND state <> 'revoked'`,
      [switched],
    )
  return switched.length
}
