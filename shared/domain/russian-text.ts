/**
 * Dates and sums as Russian letters and notices write them, in plain text (the letters, the printed
 * decision): '2026-11-30' → '30.11.2026', 123456 kopecks → '1 234,56 руб.'.
 */
export const ruDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.')

export const rubles = (kopecks: number) =>
  `${Math.floor(kopecks / 100).toLocaleString('ru-RU')},${String(kopecks % 100).padStart(2, '0')} руб.`

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
]

/** A billing period as people say it: '2026-11' → 'ноябрь 2026'. */
export const ruPeriod = (period: string) => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`

/**
 * Russian counts take three forms — 1 день, 2 дня, 5 дней (and 11–14 always the third): a message
 * with a count gives the three, separated by `|`.
 */
export function russianPlural(choice: number, choicesLength: number): number {
  // Four forms: the first is for none ("нет обращений"), then the three.
  if (choicesLength === 4) return choice === 0 ? 0 : 1 + russianPlural(choice, 3)
  if (choicesLength < 3) return choice === 1 ? 0 : 1
  const lastTwo = Math.abs(choice) % 100
  const last = lastTwo % 10
  if (lastTwo > 10 && lastTwo < 20) return 2
  if (last === 1) return 0
  return last >= 2 && last <= 4 ? 1 : 2
}
