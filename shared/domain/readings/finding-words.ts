/**
 * What each check of a reading found, in words (docs/business-rules.md#meter-readings): for the audit
 * trail and the printed reports, which run outside the screens' message files.
 */
export const FINDING_WORDS: Record<string, string> = {
  accountClosed: 'лицевой счёт закрыт',
  meterRemoved: 'счётчик снят',
  lowerThanPrevious: 'меньше предыдущего показания',
  rollOver: 'переход счётчика через ноль',
  spike: 'расход намного выше обычного',
  zeroStreak: 'нулевой расход третий период подряд',
  verificationOverdue: 'просрочена поверка счётчика',
  duplicateForPeriod: 'за период уже есть показание',
  unknownAccount: 'лицевой счёт не найден',
  unknownMeter: 'у счёта нет счётчика с таким номером',
  badValue: 'значение не читается как число',
}
