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
