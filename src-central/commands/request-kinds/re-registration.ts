import { moscowDate } from '@shared/domain/moscow-time'
import { ownerChangesNow } from '@shared/domain/requests/completion-rules'
import { switchDueOwners } from '../../accounts/owner-switches'
import { accountReRegistered } from '../mail-templates'
import { queueLetter } from '../queue-letter'
import type { CentralKind } from './central-kind'

/**
 * A re-registration (docs/business-rules.md#closure-and-re-registration-requests): the account, same
 * number, passes to the new owner from the date; the previous owner stays in the history and loses the
 * cabinet; the new owner is written to.
 */
export const reRegistration: CentralKind<'reRegistration'> = {
  async complete({ client, request, account, payload, ctx }, effect) {
    const owner = { ...effect.owner, phone: effect.owner.phone ?? null, email: effect.owner.email ?? null }
    // The previous owner's time ends the day before; the first re-registration also writes the owner
    // the account had since it was opened, so the history starts at the beginning.
    const history = await client.query(`SELECT 1 FROM account_owners WHERE account_id = $1 LIMIT 1`, [
      account.id,
    ])
    if (!history.rowCount)
      await client.query(
        // The owner the account has already: switched to long ago.
        `INSERT INTO account_owners (account_id, surname, first_name, patronymic, phone, email, owned_from, owned_until,
        switched_at) VALUES ($1, $2, $3, $4, $5, $6, $7, GREATEST($7::date, $8::date - 1), now())`,
        [
          account.id,
          account.surname,
          account.first_name,
          account.patronymic,
          account.phone,
          account.email,
          account.opened_on,
          payload.on,
        ],
      )
    else
      await client.query(
        `UPDATE account_owners SET owned_until = GREATEST(coalesce(owned_from, $2::date - 1), $2::date - 1)
      WHERE account_id = $1 AND owned_until IS NULL`,
        [account.id, payload.on],
      )
    await client.query(
      `INSERT INTO account_owners (account_id, surname, first_name, patronymic, phone, email, owned_from, request_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        account.id,
        owner.surname,
        owner.firstName,
        owner.patronymic,
        owner.phone,
        owner.email,
        payload.on,
        request.id,
      ],
    )
    // The account changes hands on the date: today's or a past one now, a later one by the daily switch
    // (src-central/accounts/owner-switches.ts).
    if (ownerChangesNow(payload.on, moscowDate(new Date(ctx.madeAt))))
      await switchDueOwners(client, payload.on, account.id)
    if (owner.email)
      await queueLetter(
        client,
        ctx,
        owner.email,
        Number(account.id),
        accountReRegistered(
          request.account_number,
          payload.on,
          [owner.firstName, owner.patronymic].filter(Boolean).join(' '),
        ),
      )
  },
}
