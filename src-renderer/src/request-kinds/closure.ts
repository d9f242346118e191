import type { ScreenKind } from './screen-kind'

/** A closure's screens (docs/business-rules.md#closure-and-re-registration-requests). */
export const closure: ScreenKind = {
  words: {
    ru: {
      name: 'Закрытие',
      inCard: 'закрытие счёта',
      documents: {
        applicantPassport: 'паспорт заявителя',
        rightEnded: 'документ о прекращении права на помещение',
        finalReadings: 'конечные показания всех приборов учёта',
      },
      complete: {
        title: 'Закрытие лицевого счёта',
        date: 'Дата закрытия',
        button: 'Закрыть счёт и завершить заявку',
        confirmButton: 'Да, закрыть счёт',
      },
      readings: {
        save: 'Сохранить конечные показания',
        none: 'нет конечного показания',
        missing: 'Нет конечных показаний счётчиков: {meters}',
      },
      own: { confirm: 'Лицевой счёт № {number} будет закрыт с {date}.' },
    },
    en: {
      name: 'Closure',
      inCard: 'account closure',
      documents: {
        applicantPassport: "applicant's passport",
        rightEnded: 'document ending the right to the premises',
        finalReadings: 'final readings of every meter',
      },
      complete: {
        title: 'Closing the account',
        date: 'Closure date',
        button: 'Close the account and complete',
        confirmButton: 'Yes, close the account',
      },
      readings: {
        save: 'Save the final readings',
        none: 'no final reading',
        missing: 'Final readings missing for meters: {meters}',
      },
      own: { confirm: 'Account № {number} will be closed from {date}.' },
    },
  },
  showsBalance: true,
  consequences: ({ request, date }, t) => [
    t('requests.kinds.closure.own.confirm', { number: request.accountNumber, date }),
    t('requests.complete.confirm.meters', { n: request.finalReadings.length }),
    t('requests.complete.confirm.cabinet'),
  ],
}
