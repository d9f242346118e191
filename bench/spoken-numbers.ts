/**
 * A number as a Russian caller says it ("двадцать семь", "сто пять"), written for the evaluation set
 * independently of the search's own reader (`shared/domain/search/spoken-forms.ts`), so the set does
 * not only echo the parser. Up to 9,999.
 */
const UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять']
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
]
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
]
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
]
const THOUSANDS = [
  '',
  'тысяча',
  'две тысячи',
  'три тысячи',
  'четыре тысячи',
  'пять тысяч',
  'шесть тысяч',
  'семь тысяч',
  'восемь тысяч',
  'девять тысяч',
]

export function spokenNumber(n: number): string {
  if (n === 0) return 'ноль'
  const parts = [THOUSANDS[Math.floor(n / 1000)]!, HUNDREDS[Math.floor((n % 1000) / 100)]!]
  const rest = n % 100
  if (rest >= 10 && rest < 20) parts.push(TEENS[rest - 10]!)
  else parts.push(TENS[Math.floor(rest / 10)]!, UNITS[rest % 10]!)
  return parts.filter(Boolean).join(' ')
}
