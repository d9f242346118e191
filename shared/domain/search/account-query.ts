import { searchKey } from './search-text'
import { rewriteSpokenForms } from './spoken-forms'
import { streetTypeOf } from './street-name'

/**
 * What an operator typed into the one search box, understood (docs/business-rules.md#accounts: how
 * callers give an address and a name). Pure, so the renderer and the main process read a query alike.
 */
export type AccountQuery =
  | { kind: 'empty' }
  | { kind: 'digits'; digits: string; phone: string | null }
  | { kind: 'email'; email: string }
  | TextQuery

export interface TextQuery {
  kind: 'text'
  /** Words of two letters or more: a surname, names, or the street (the street list decides). */
  words: string[]
  /** House and flat numbers as written ("14а", "5", "2"), for the loose word match. */
  numbers: string[]
  /** Single letters: initials beside a name, or abbreviations ("б" for "Большая") in an address. */
  initials: string[]
  address: AddressParts | null
}

export interface HouseChoice {
  house: string
  building: string | null
}

export interface AddressParts {
  streetType: string | null
  /** Readings of the house, the likeliest first ("5/2" is house 5/2, or house 5 building 2). */
  houses: HouseChoice[]
  flat: string | null
  /** The other reading of two bare numbers: "37 27" is house 37 flat 27, or else house 27 flat 37. */
  swapped: { house: string; flat: string } | null
}

const HOUSE_LABELS = new Set(['д', 'дом'])
const FLAT_LABELS = new Set(['кв', 'квартира', 'кв-ра', 'к-ра'])
/** "с" too: a building glued to its house, "35с3", reads as 35, с, 3. */
const BUILDING_LABELS = new Set(['к', 'корп', 'корпус', 'кор', 'с', 'стр', 'строение'])
/** Words that only say where, never which: the city, "район". */
const PLACE_NOISE = new Set(['г', 'город', 'севастополь', 'р-н', 'район'])

/** House and flat numbers: "14", "14а", "5/2", "5/2а"; a letter glued to a number is its letter. */
const TOKEN = /\d+(?:[а-яa-z](?![\p{L}\d]))?(?:\/\d+(?:[а-яa-z](?![\p{L}\d]))?)?|\p{L}+(?:-\p{L}+)*/gu
const isNumber = (token: string | undefined) => token !== undefined && /^\d/.test(token)

export function parseAccountQuery(raw: string): AccountQuery {
  const typed = searchKey(raw).trim()
  // An email is dictated from its start: the whole of it, or its beginning ("ivanov.a", "ivanov.a@").
  if (typed.includes('@') || (/^[a-z0-9._-]+$/.test(typed) && /[a-z]/.test(typed))) {
    const email = typed.replace(/\s+/g, '')
    return /^[\p{L}\p{N}]/u.test(email) ? { kind: 'email', email } : { kind: 'empty' }
  }
  const text = rewriteSpokenForms(typed)
  if (/^[\d\s+()\-./]+$/.test(text) && /\d/.test(text)) {
    const digits = text.replace(/\D/g, '')
    return { kind: 'digits', digits, phone: phoneDigits(digits) }
  }
  return parseText(text.match(TOKEN) ?? [])
}

function parseText(tokens: string[]): AccountQuery {
  const words: string[] = []
  const initials: string[] = []
  const bare: string[] = []
  const labelled: { house?: string; building?: string; flat?: string } = {}
  let streetType: string | null = null
  let lastNumber: { slot: 'house' | 'building' | 'flat' | 'bare'; index: number } | null = null
  const hasNumbers = tokens.some(isNumber)

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const next = tokens[i + 1]
    if (isNumber(token)) {
      bare.push(token)
      lastNumber = { slot: 'bare', index: bare.length - 1 }
      continue
    }
    const label = isNumber(next) ? labelOf(token) : null
    if (label && labelled[label] === undefined) {
      labelled[label] = next!
      lastNumber = { slot: label, index: 0 }
      i++
      continue
    }
    // "14 а": a lone letter right after a house number is that house's letter.
    if (token.length === 1 && lastNumber && (lastNumber.slot === 'bare' || lastNumber.slot === 'house')) {
      if (lastNumber.slot === 'house') labelled.house += token
      else bare[lastNumber.index] += token
      lastNumber = null
      continue
    }
    lastNumber = null
    // "сп", "пр", "ул" after a surname with no house number are initials ("Дёмин СП"), not street types.
    const initialsLike = !hasNumbers && token.length <= 2 && words.length > 0
    const type = tokens.length > 1 && !initialsLike ? streetTypeOf(token) : null
    if (type) streetType ??= type
    else if (PLACE_NOISE.has(token) && hasNumbers) continue
    else if (token.length === 1) initials.push(token)
    else words.push(token)
  }

  const numbers = [...bare, ...Object.values(labelled)].flatMap((n) => n.split('/'))
  // "ул. д. кв." names parts of an address and none of their values: nothing to look for.
  // Nor does a lone initial: "а" alone would list a tenth of the city.
  const nothingToFind = !words.length && !hasNumbers
  if (nothingToFind || [...words, ...initials].every((token) => labelOf(token) || streetTypeOf(token)))
    return numbers.length ? { kind: 'digits', digits: numbers.join(''), phone: null } : { kind: 'empty' }
  if (!hasNumbers) {
    // "Иванова АП": two letters beside a surname are initials written together.
    const long = words.some((word) => word.length > 2)
    const joined = long ? words.filter((word) => word.length === 2) : []
    return {
      kind: 'text',
      words: words.filter((word) => !joined.includes(word)),
      numbers,
      initials: [...initials, ...joined.flatMap((pair) => [...pair])],
      address: null,
    }
  }
  return { kind: 'text', words, numbers, initials, address: addressParts(bare, labelled, streetType) }
}

function labelOf(token: string): 'house' | 'building' | 'flat' | null {
  if (HOUSE_LABELS.has(token)) return 'house'
  if (FLAT_LABELS.has(token)) return 'flat'
  if (BUILDING_LABELS.has(token)) return 'building'
  return null
}

/** Bare numbers fill house, then flat; three of them are house, building, flat. */
function addressParts(
  bare: string[],
  labelled: { house?: string; building?: string; flat?: string },
  streetType: string | null,
): AddressParts | null {
  const rest = [...bare]
  const house = labelled.house ?? rest.shift()
  if (house === undefined) return null
  const building = labelled.building ?? (rest.length >= 2 ? rest.shift()! : null)
  const flat = labelled.flat ?? rest.shift() ?? null
  const houses: HouseChoice[] = [{ house, building }]
  const fraction = /^(\d+[а-яa-z]?)\/(\d+[а-яa-z]?)$/.exec(house)
  if (fraction && building === null) houses.push({ house: fraction[1]!, building: fraction[2]! })
  const bothBare = labelled.house === undefined && labelled.flat === undefined && bare.length === 2
  // "Парковая 6/55" with no flat said: callers also give house/flat so ("6 дробь 55" is rarer).
  const houseOverFlat =
    fraction && flat === null && building === null && /^\d+$/.test(fraction[2]!)
      ? { house: fraction[1]!, flat: fraction[2]! }
      : null
  const swapped =
    bothBare && flat && /^\d+$/.test(house) && /^\d+$/.test(flat)
      ? { house: flat, flat: house }
      : houseOverFlat
  return { streetType, houses, flat, swapped }
}

/** The national ten digits of a Russian phone number, or null when the digits cannot be one. */
export function phoneDigits(digits: string): string | null {
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) return digits.slice(1)
  if (digits.length === 10) return digits
  return null
}
