import { rubles, ruDate } from '@shared/domain/russian-text'
import { meterValues, revokeCabinet, type ConsoleKind } from './console-kind'

/**
 * A closure on the console (docs/business-rules.md#closure-and-re-registration-requests): the account
 * closed from the date, its cabinet revoked, its meters removed; the letter states the balance.
 */
export const closure: ConsoleKind<'closure'> = {
  complete(scene) {
    const { db, accountId, on } = scene
    db.prepare(`UPDATE accounts SET status = 'closed', closed_on = ? WHERE id = ?`).run(on, accountId)
    const cabinet = revokeCabinet(scene)
    db.prepare(
      `UPDATE meters SET status = 'removed', removed_on = ? WHERE account_id = ? AND status = 'active'`,
    ).run(on, accountId)
    return [
      cabinet,
      {
        entity: 'account',
        entityId: accountId,
        before: { status: 'active' },
        after: { status: 'closed', closedOn: on },
      },
      ...scene.finalReadingMeters.map((meter) => ({
        entity: 'meter',
        entityId: meter.meterId,
        before: { status: 'active' },
        after: { status: 'removed' },
      })),
    ]
  },

  letter(facts, common) {
    const { request } = facts
    const balance = request.balanceKopecks ?? 0
    return {
      fileName: `Закрытие счёта ${request.accountNumber}.pdf`,
      title: 'Уведомление о закрытии лицевого счёта',
      facts: [...common, ['Дата закрытия', ruDate(request.completedOn ?? facts.decidedOn)]],
      paragraphs: [
        // The applicant is not always the owner (an heir, a representative): the letter names the
        // request, whose facts above say who filed it.
        `По заявке № ${request.id} лицевой счёт № ${request.accountNumber} закрыт с ` +
          `${ruDate(request.completedOn ?? facts.decidedOn)}. Доступ к личному кабинету по этому счёту прекращён.`,
        facts.finalReadings.length
          ? 'Конечные показания приборов учёта, снятых с учёта: ' + meterValues(facts) + '.'
          : 'Приборов учёта на счёте не было.',
        balanceText(balance),
      ],
    }
  },
}

/** What the closed account owes, or what was overpaid and how to have it back; or that it is settled. */
function balanceText(balanceKopecks: number): string {
  if (balanceKopecks < 0)
    return (
      `По счёту остаётся задолженность ${rubles(-balanceKopecks)} Её необходимо оплатить через ГУП «ЕИРЦ» ` +
      'по номеру лицевого счёта ЕИРЦ.'
    )
  if (balanceKopecks > 0)
    return (
      `По счёту имеется переплата ${rubles(balanceKopecks)} Её можно вернуть по письменному заявлению ` +
      'в абонентском отделе (при себе паспорт и реквизиты банковского счёта для перечисления) или ' +
      'зачесть в оплату по другому лицевому счёту.'
    )
  return 'Задолженности и переплаты по счёту нет.'
}
