/**
 * What an operator typed into the one search box, understood (issue: accounts). Pure, so the
 * renderer and the main process read a query the same way.
 */
export type AccountQuery =
  | { kind: 'empty' }
  | { kind: 'digits'; digits: string; phone: string | null }
  | { kind: 'email'; email: string; words: string[] }
  | { kind: 'text'; words: string[]; numbers: string[]; initials: string[] }

/** Words that only say what kind of address part follows ("ул.", "д.", "кв.") and never narrow it. */
const ADDRESS_NOISE = new Set([
  'ул',
  'улица',
  'пр',
  'пр-т',
  'прт',
  'просп',
  'проспект',
  'пер',
  'переулок',
  'наб',
  'набережная',
  'ш',
  'шоссе',
  'пл',
  'площадь',
  'б-р',
  'бульвар',
  'туп',
  'тупик',
  'д',
  'дом',
  'кв',
  'квартира',
  'корп',
  'корпус',
  'к',
  'стр',
  'г',
  'город',
  'севастополь',
  'р-н',
  'район',
  'т',
])

export function normalizeText(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е')
}

export function parseAccountQuery(raw: string): AccountQuery {
  const text = normalizeText(raw.normalize('NFC')).trim()
  if (text.includes('@')) {
    const email = text.replace(/\s+/g, '')
    // The part before @ is what tells people apart; "mail" or "ru" would match half the city.
    const [local = '', domain = ''] = email.split('@')
    const wordsOf = (part: string) => part.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    const words = wordsOf(local).length ? wordsOf(local) : wordsOf(domain)
    return words.length ? { kind: 'email', email, words } : { kind: 'empty' }
  }
  if (/^[\d\s+()\-./]+$/.test(text) && /\d/.test(text)) {
    const digits = text.replace(/\D/g, '')
    return { kind: 'digits', digits, phone: phoneDigits(digits) }
  }
  const pieces = text
    .replace(/(\d+)([\p{L}])/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  // "д." is "дом" beside a number but an initial beside a surname ("Максимова Д. Б."): one-letter
  // noise words are dropped only from queries that carry numbers, that is, from addresses.
  const isAddress = pieces.some((token) => /^\d+$/.test(token))
  const tokens = pieces.filter((token) => !(ADDRESS_NOISE.has(token) && (token.length > 1 || isAddress)))
  const numbers = tokens.filter((token) => /^\d+$/.test(token))
  const letters = tokens.filter((token) => !/^\d+$/.test(token))
  const words = letters.filter((token) => token.length > 1)
  const initials = letters.filter((token) => token.length === 1)
  if (!words.length)
    return numbers.length ? { kind: 'digits', digits: numbers.join(''), phone: null } : { kind: 'empty' }
  return { kind: 'text', words, numbers, initials }
}

/** The national ten digits of a Russian phone number, or null when the digits cannot be one. */
export function phoneDigits(digits: string): string | null {
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) return digits.slice(1)
  if (digits.length === 10) return digits
  return null
}
