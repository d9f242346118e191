import { defineAsyncComponent } from 'vue'
import { ruDate } from '@shared/domain/russian-text'
import type { ScreenKind } from '../screen-kind'

const FIELDS_RU = {
  reason: 'основание',
  replacedSerial: 'заменяемый (поверенный) счётчик',
  newSerial: 'номер нового счётчика',
  model: 'тип (модель) счётчика',
  place: 'место установки',
  digits: 'разрядов до запятой',
  verifiedOn: 'дата поверки',
  nextVerificationOn: 'дата следующей поверки',
  sealNumber: 'номер пломбы',
  initialReading: 'начальные показания, м³',
}
const FIELDS_EN = {
  reason: 'grounds',
  replacedSerial: 'meter replaced (verified)',
  newSerial: "new meter's serial",
  model: 'meter model',
  place: 'where installed',
  digits: 'whole digits',
  verifiedOn: 'verified on',
  nextVerificationOn: 'next verification',
  sealNumber: 'seal number',
  initialReading: 'initial reading, m³',
}

/**
 * A meter put into service after a replacement or a verification
 * (docs/business-rules.md#a-new-meter-put-into-service): its fields at the counter and at completion,
 * its summary in the request, and the card's «Поверка просрочена» leading to it.
 */
export const meterCommissioning: ScreenKind = {
  words: {
    ru: {
      name: 'Ввод счётчика',
      inCard: 'ввод прибора учёта',
      documents: {
        meterPassport: 'паспорт прибора учёта',
        verificationCertificate: 'свидетельство о поверке',
        installerAct: 'акт установки (замены)',
      },
      complete: {
        title: 'Ввод прибора учёта в эксплуатацию',
        date: 'Дата ввода (опломбирования)',
        button: 'Ввести счётчик и завершить заявку',
        confirmButton: 'Да, ввести в эксплуатацию',
      },
      readings: {
        save: 'Сохранить конечное показание',
        none: 'нет конечного показания',
        missing: 'Нет конечного показания заменяемого счётчика: {meters}',
      },
      own: {
        legend: 'Прибор учёта',
        replacement: 'замена',
        verification: 'после поверки',
        nextAfterVerified: 'Следующая поверка — позже даты поверки, не более чем через 16 лет.',
        replacedUnknown: 'нет среди действующих счётчиков счёта',
        removed: 'Счётчик № {serial} будет снят с учёта с {date} по конечным показаниям.',
        added:
          'Счётчик № {serial} ({model}, {place}) будет введён с {date}: пломба № {seal}, начальные показания {initial} м³, поверка до {next}.',
      },
      fields: FIELDS_RU,
    },
    en: {
      name: 'Meter into service',
      inCard: 'meter put into service',
      documents: {
        meterPassport: "meter's passport",
        verificationCertificate: 'verification certificate',
        installerAct: "installer's act",
      },
      complete: {
        title: 'Putting the meter into service',
        date: 'Date sealed',
        button: 'Put into service and complete',
        confirmButton: 'Yes, put into service',
      },
      readings: {
        save: 'Save the final reading',
        none: 'no final reading',
        missing: "The replaced meter's final reading is missing: {meters}",
      },
      own: {
        legend: 'Meter',
        replacement: 'replacement',
        verification: 'after verification',
        nextAfterVerified: 'The next verification comes after this one, at most 16 years later.',
        replacedUnknown: "not among the account's active meters",
        removed: 'Meter № {serial} will be removed from {date} at its final reading.',
        added:
          'Meter № {serial} ({model}, {place}) will count from {date}: seal № {seal}, initial reading {initial} m³, verification due {next}.',
      },
      fields: FIELDS_EN,
    },
  },
  consequences: ({ date, details }, t) => [
    t('requests.kinds.meterCommissioning.own.removed', { serial: details.replacedSerial, date }),
    t('requests.kinds.meterCommissioning.own.added', {
      serial: details.newSerial,
      model: details.model,
      place: details.place,
      date,
      seal: details.sealNumber,
      initial: details.initialReading,
      next: typeof details.nextVerificationOn === 'string' ? ruDate(details.nextVerificationOn) : '—',
    }),
  ],
  // Loaded when first shown: the kinds' words are read without their screens (the messages, a unit test).
  fields: defineAsyncComponent(() => import('./MeterFields.vue')),
  summary: defineAsyncComponent(() => import('./MeterSummary.vue')),
  startedBy: 'overdueVerification',
  startDetails(card) {
    const overdue = card.meters.find((meter) => meter.status === 'active' && meter.verificationOverdue)
    return overdue
      ? {
          reason: 'verification',
          replacedSerial: overdue.serial,
          newSerial: overdue.serial,
          place: overdue.place,
          digits: overdue.digits,
        }
      : {}
  },
}
