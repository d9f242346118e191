import { commissionedParagraphs } from '@shared/domain/requests/kinds/meter-commissioning/letter'
import { filedFields } from '@shared/domain/requests/kinds/meter-commissioning/rules'
import { requestCompleted } from '../../mail-templates'
import { queueLetter } from '../../queue-letter'
import type { CentralKind } from '../central-kind'

/**
 * A meter put into service (docs/business-rules.md#a-new-meter-put-into-service): the meter replaced
 * removed from the date (its final reading is in: the decision checked it), the new one active from the
 * date with its model, seal, initial reading and next verification; the request keeps the fields as
 * completed, and the subscriber is written to.
 */
export const meterCommissioning: CentralKind<'meterCommissioning'> = {
  async complete({ client, request, account, payload, ctx }, { meter }) {
    const removed = await client.query<{ place: string }>(
      `UPDATE meters SET status = 'removed', removed_on = $3
      WHERE account_id = $1 AND serial = $2 AND status = 'active' RETURNING place`,
      [account.id, meter.replacedSerial, payload.on],
    )
    // The sequence may stand behind ids written by hand (a migration, a test's own rows): never reuse one.
    await client.query(
      `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status,
        model, seal_number, initial_value_milli)
      SELECT greatest(nextval('meters_id_seq'), coalesce(max(id), 0) + 1), $1, $2, $3, $4, $5, $6, 'active',
        $7, $8, $9 FROM meters`,
      [
        account.id,
        meter.newSerial,
        meter.place || removed.rows[0]?.place,
        payload.on,
        meter.nextVerificationOn,
        meter.digits,
        meter.model,
        meter.sealNumber,
        meter.initialMilli,
      ],
    )
    await client.query(`UPDATE portal_requests SET details = $2 WHERE id = $1`, [
      request.id,
      JSON.stringify(filedFields(meter)),
    ])
    const to = request.email ?? account.email
    if (to)
      await queueLetter(
        client,
        ctx,
        to,
        Number(account.id),
        requestCompleted(
          'Прибор учёта введён в эксплуатацию',
          commissionedParagraphs(meter, request.account_number, payload.on),
        ),
      )
  },
}
