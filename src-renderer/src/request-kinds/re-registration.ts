import type { ScreenKind } from './screen-kind'

/** A re-registration's screens (docs/business-rules.md#closure-and-re-registration-requests). */
export const reRegistration: ScreenKind = {
  words: {
    ru: {
      name: 'Переоформление',
      inCard: 'переоформление',
      documents: {
        newOwnerPassport: 'паспорт нового владельца',
        ownership: 'документ о праве собственности',
      },
      complete: {
        title: 'Переоформление на нового владельца',
        date: 'Дата переоформления',
        button: 'Переоформить и завершить заявку',
        confirmButton: 'Да, переоформить',
      },
      readings: {
        save: 'Сохранить показания на дату передачи',
        none: 'нет показания на дату передачи',
        missing: 'Нет показаний на дату передачи по счётчикам: {meters}',
      },
      own: { confirm: 'Лицевой счёт № {number} перейдёт к новому владельцу с {date}: {owner}.' },
    },
    en: {
      name: 'Re-registration',
      inCard: 're-registration',
      documents: {
        newOwnerPassport: "new owner's passport",
        ownership: 'document of ownership',
      },
      complete: {
        title: 'Re-registration to the new owner',
        date: 'Re-registration date',
        button: 'Re-register and complete',
        confirmButton: 'Yes, re-register',
      },
      readings: {
        save: 'Save the handover readings',
        none: 'no handover reading',
        missing: 'Handover readings missing for meters: {meters}',
      },
      own: { confirm: 'Account № {number} will pass to the new owner from {date}: {owner}.' },
    },
  },
  consequences: ({ request, date, ownerName }, t) => [
    t('requests.kinds.reRegistration.own.confirm', { number: request.accountNumber, date, owner: ownerName }),
    t('requests.complete.confirm.handover', { n: request.finalReadings.length }),
    t('requests.complete.confirm.cabinet'),
  ],
}
