/**
 * How an operator types what a caller says, rewritten into the forms the query reader knows
 * (docs/business-rules.md#finding-the-callers-account): a label before a number ("л/с 40013306",
 * "тел. 8 978 …", "№ 5"), a fraction said aloud ("29 дробь 1"), numbers in words ("дом четыре
 * квартира двадцать семь"). Text already in the known forms passes through unchanged. Works on
 * `searchKey`'s form (lower case, ё as е).
 */
export function rewriteSpokenForms(text: string): string {
  const labelled = withoutNumberLabel(text)
  if (labelled !== null) return labelled
  return numbersInWords(text).replace(/(\d)\s*(?:дробь|др\.)\s*(?=\d)/g, '$1/')
}

/**
 * A label that only says what the number is: the number alone is the query. Only when everything
 * after it is a number (digits, spaces, brackets, dashes): "лс Иванов" is no account number.
 */
const NUMBER_LABEL =
  /^(?:л\s*\/\s*с|л\.\s*с\.?|лс|лиц(?:евой)?\.?\s*сч(?:ет|\.)?|сч(?:ет|\.)?|номер|ном\.?|№|тел(?:ефон)?\.?|моб(?:ильный)?\.?|eirc|еирц)\s*[:.№]?\s*/

function withoutNumberLabel(text: string): string | null {
  const trimmed = text.trim()
  const match = NUMBER_LABEL.exec(trimmed)
  if (!match || !match[0]) return null
  const rest = trimmed.slice(match[0].length)
  return /^[\d\s+()\-.]+$/.test(rest) && /\d/.test(rest) ? rest : null
}

const UNITS: Record<string, number> = {
  ноль: 0,
  один: 1,
  одна: 1,
  первый: 1,
  два: 2,
  две: 2,
  второй: 2,
  три: 3,
  третий: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
}
const TEENS: Record<string, number> = {
  десять: 10,
  одиннадцать: 11,
  двенадцать: 12,
  тринадцать: 13,
  четырнадцать: 14,
  пятнадцать: 15,
  шестнадцать: 16,
  семнадцать: 17,
  восемнадцать: 18,
  девятнадцать: 19,
}
const TENS: Record<string, number> = {
  двадцать: 20,
  тридцать: 30,
  сорок: 40,
  пятьдесят: 50,
  шестьдесят: 60,
  семьдесят: 70,
  восемьдесят: 80,
  девяносто: 90,
}
const HUNDREDS: Record<string, number> = {
  сто: 100,
  двести: 200,
  триста: 300,
  четыреста: 400,
  пятьсот: 500,
  шестьсот: 600,
  семьсот: 700,
  восемьсот: 800,
  девятьсот: 900,
}
const THOUSANDS = new Set(['тысяча', 'тысячи', 'тысяч'])

/**
 * Runs of Russian number words become digits ("двадцать семь" → 27, "сто пять" → 105, "две тысячи
 * сорок" → 2040). A word alone that is also a name or a word of an address stays a word only when it
 * is not a number word at all; "один" and "два" near "дом" or "кв" are numbers as callers use them.
 */
function numbersInWords(text: string): string {
  const words = text.split(/(\s+)/)
  const out: string[] = []
  let i = 0
  while (i < words.length) {
    const parsed = readNumber(words, i)
    if (parsed) {
      out.push(String(parsed.value))
      i = parsed.next
    } else out.push(words[i++]!)
  }
  return out.join('')
}

/** The number whose words start at `start` (tokens alternate with the spaces between them). */
function readNumber(tokens: string[], start: number): { value: number; next: number } | null {
  let total = 0
  let current = 0
  let next = start
  let used = 0
  let last: 'hundreds' | 'tens' | 'units' | 'thousands' | null = null
  for (let i = start; i < tokens.length; i += 2) {
    const word = tokens[i]!.replace(/[.,]$/, '')
    if (HUNDREDS[word] !== undefined && last !== 'hundreds' && last !== 'tens' && last !== 'units') {
      current += HUNDREDS[word]
      last = 'hundreds'
    } else if (TENS[word] !== undefined && last !== 'tens' && last !== 'units') {
      current += TENS[word]
      last = 'tens'
    } else if (TEENS[word] !== undefined && last !== 'tens' && last !== 'units') {
      current += TEENS[word]
      last = 'units'
    } else if (UNITS[word] !== undefined && last !== 'units') {
      current += UNITS[word]
      last = 'units'
    } else if (THOUSANDS.has(word) && last !== 'thousands') {
      total += (current || 1) * 1000
      current = 0
      last = 'thousands'
    } else break
    used++
    next = i + 1
  }
  if (!used) return null
  return { value: total + current, next }
}
