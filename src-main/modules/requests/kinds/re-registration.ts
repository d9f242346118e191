import { ownerChangesNow } from '@shared/domain/requests/completion-rules'
import { ruDate } from '@shared/domain/russian-text'
import { tidyName } from '../register-request'
import { meterValues, revokeCabinet, type ConsoleKind } from './console-kind'

/**
 * A re-registration on the console (docs/business-rules.md#closure-and-re-registration-requests): the
 * new owner recorded from the date, the previous owner's cabinet revoked; the account keeps its number.
 */
export const reRegistration: ConsoleKind<'reRegistration'> = {
  complete(scene, effect) {
    const { db, accountId, on, today } = scene
    const owner = tidyName(effect.owner)
    const contacts = {
      phone: effect.owner.phone || null,
      email: (effect.owner.email ?? '').toLowerCase() || null,
    }
    const before = db
      .prepare(`SELECT surname, first_name AS firstName, patronymic, phone, email FROM accounts WHERE id = ?`)
      .get(accountId)
    const changes = []
    // The account changes hands on the date: a later one is the central service's daily switch, which
    // the feed then brings here; until then the account keeps its owner and their cabinet.
    if (ownerChangesNow(on, today)) {
      db.prepare(
        `UPDATE accounts SET surname = ?, first_name = ?, patronymic = ?, phone = ?, email = ? WHERE id = ?`,
      ).run(owner.surname, owner.firstName, owner.patronymic, contacts.phone, contacts.email, accountId)
      changes.push(revokeCabinet(scene))
    }
    // The whole owner as they become from the date, contacts included: the audit states the change.
    changes.push({
      entity: 'account',
      entityId: accountId,
      before,
      after: { ...owner, ...contacts, from: on },
    })
    return changes
  },

  letter(facts, common) {
    const { request } = facts
    const newOwnerName = facts.newOwnerName ?? '—'
    const from = ruDate(request.completedOn ?? request.effectiveOn ?? facts.decidedOn)
    return {
      fileName: `Переоформление счёта ${request.accountNumber}.pdf`,
      title: 'Уведомление о переоформлении лицевого счёта',
      facts: [
        ...common,
        ['Прежний владелец', facts.ownerName],
        ['Новый владелец', newOwnerName],
        ['Дата переоформления', from],
      ],
      paragraphs: [
        // Phrased so that no name has to be declined: "переоформлен на Степанов Анна" is not Russian.
        `Лицевой счёт № ${request.accountNumber} переоформлен с ${from}. Новый владелец: ${newOwnerName}. ` +
          'Номер счёта не меняется.',
        facts.finalReadings.length
          ? 'Показания приборов учёта на дату передачи, от которых ведёт расчёт новый владелец: ' +
            meterValues(facts) +
            '.'
          : 'Приборов учёта на счёте нет.',
        'Доступ прежнего владельца к личному кабинету по этому счёту прекращён. Новый владелец может ' +
          'зарегистрироваться в личном кабинете на сайте ГУП «Водоканал» по номеру лицевого счёта.',
      ],
    }
  },
}
