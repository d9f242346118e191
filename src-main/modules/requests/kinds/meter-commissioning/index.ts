import { meterCommissioningFields } from '@shared/domain/requests/kinds/meter-commissioning/fields'
import { commissionedParagraphs } from '@shared/domain/requests/kinds/meter-commissioning/letter'
import {
  commissioned,
  filedFields,
  type CommissionedMeter,
} from '@shared/domain/requests/kinds/meter-commissioning/rules'
import { ruDate } from '@shared/domain/russian-text'
import type { ConsoleKind } from '../console-kind'

/**
 * A meter put into service, on the console (docs/business-rules.md#a-new-meter-put-into-service): the
 * meter replaced is removed from the date at once; the new one, whose number only the central database
 * gives, arrives with the service's answer. The decision tells the subscriber both.
 */
export const meterCommissioning: ConsoleKind<'meterCommissioning'> = {
  complete({ db, requestId, accountId, on }, { meter }) {
    // The request keeps the fields as completed (the clerk's corrections from the papers or the visit).
    db.prepare(`UPDATE web_requests SET details = ? WHERE id = ?`).run(
      JSON.stringify(filedFields(meter)),
      requestId,
    )
    const replaced = db
      .prepare<[number, string], { id: number }>(
        `SELECT id FROM meters WHERE account_id = ? AND serial = ? AND status = 'active'`,
      )
      .get(accountId, meter.replacedSerial)
    if (replaced)
      db.prepare(`UPDATE meters SET status = 'removed', removed_on = ? WHERE id = ?`).run(on, replaced.id)
    return [
      ...(replaced
        ? [
            {
              entity: 'meter',
              entityId: replaced.id,
              before: { status: 'active' },
              after: { status: 'removed', removedOn: on },
            },
          ]
        : []),
      {
        entity: 'account',
        entityId: accountId,
        before: null,
        after: {
          meterCommissioned: meter.newSerial,
          from: on,
          sealNumber: meter.sealNumber,
          initialReading: meter.initialReading,
          nextVerificationOn: meter.nextVerificationOn,
        },
      },
    ]
  },

  letter(facts, common) {
    const { request } = facts
    const meter = commissionedFrom(facts.request.details)
    const on = request.completedOn ?? facts.decidedOn
    return {
      fileName: `Ввод счётчика ${meter?.newSerial ?? ''} по счёту ${request.accountNumber}.pdf`,
      title: 'Уведомление о вводе прибора учёта в эксплуатацию',
      facts: [
        ...common,
        ['Прибор учёта', meter ? `№ ${meter.newSerial}, ${meter.model}, ${meter.place}` : '—'],
        ['Дата ввода', ruDate(on)],
      ],
      paragraphs: meter ? commissionedParagraphs(meter, request.accountNumber, on) : [],
    }
  },
}

/** The meter as the request's details hold it (the clerk's corrections included), read for the letter. */
function commissionedFrom(details: Record<string, unknown> | null): CommissionedMeter | null {
  const read = meterCommissioningFields.safeParse(details ?? {})
  return read.success ? commissioned(read.data) : null
}
