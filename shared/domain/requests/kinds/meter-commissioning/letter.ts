import { formatReadingValue } from '../../../reading-value'
import { ruDate } from '../../../russian-text'
import type { CommissionedMeter } from './rules'

/**
 * What the subscriber is told of a meter put into service, in the e-mail and in the decision alike
 * (docs/business-rules.md#a-new-meter-put-into-service): which meter was removed, which one counts from
 * which date and reading, when it is next verified, and that readings go on as before.
 */
export function commissionedParagraphs(
  meter: CommissionedMeter,
  accountNumber: string,
  on: string,
): string[] {
  const replaced =
    meter.reason === 'verification'
      ? `Прибор учёта № ${meter.newSerial} (${meter.place}) после поверки`
      : `Вместо прибора учёта № ${meter.replacedSerial} прибор учёта № ${meter.newSerial} (${meter.model}, ${meter.place})`
  return [
    `${replaced} введён в эксплуатацию по лицевому счёту № ${accountNumber} с ${ruDate(on)}: ` +
      `пломба № ${meter.sealNumber}, начальные показания ${formatReadingValue(meter.initialMilli)} м³.`,
    meter.reason === 'verification'
      ? 'Расчёт продолжается по его показаниям.'
      : `Прибор учёта № ${meter.replacedSerial} снят с учёта с той же даты по его конечным показаниям.`,
    `Следующая поверка — до ${ruDate(meter.nextVerificationOn)}. Показания передавайте, как прежде, ` +
      'до 2-го числа месяца в личном кабинете, по телефону или в абонентском отделе.',
  ]
}
