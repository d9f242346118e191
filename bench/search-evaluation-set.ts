import type BetterSqlite3 from 'better-sqlite3'
import { cyrillicKeysAsLatin } from '../shared/domain/search/keyboard-layout'
import { SeededRandom } from '../src-main/seed/random'
import { oneSlip, type Sample, spokenStreet } from './search-evaluation-forms'
import { drawRoundThree, ROUND_THREE_KINDS } from './search-evaluation-round-three'
import { spokenNumber } from './spoken-numbers'

/**
 * The search's evaluation set (docs/business-rules.md#finding-the-callers-account): queries written the ways
 * callers give an account, each with the account it must find, drawn from the seeded data itself.
 * A query is only drawn for an account it can single out (a phone two accounts share cannot say
 * which one is meant; "Иванова А. П." can name five accounts, not fifty): the set measures ranking,
 * not the data's own ambiguity.
 */
export interface EvaluationQuery {
  kind: EvaluationKind
  query: string
  accountId: number
  /**
   * An honest tie: any account whose owner has this surname and these first letters of first name and
   * patronymic answers the query as well ("Фёдоров Иван" names every Фёдоров Иван, "Гришина Т. Е."
   * every Гришина Т. Е.; the caller says the rest — the address — when asked).
   */
  tie?: { surname: string; firstName: string; patronymic?: string }
}

export const EVALUATION_KINDS = {
  number: 'top1',
  eirc: 'top1',
  phone: 'top1',
  'phone last 7': 'top1',
  email: 'top1',
  'address labelled': 'top1',
  'address bare numbers': 'top1',
  'address reversed exists': 'top1',
  'address letter, fraction, building': 'top1',
  'private house': 'top1',
  'surname + initials': 'top5',
  typo: 'top5',
  'wrong layout': 'top5',
  // Round two: forms callers say and operators type that the first set did not hold.
  'number labelled': 'top1',
  'number tail': 'top1',
  'eirc without prefix': 'top1',
  'phone labelled': 'top1',
  'email domain slip': 'top1',
  'surname + address': 'top1',
  'surname + house, no flat': 'top1',
  'surname slip + address': 'top1',
  // Top-1 among honest ties: the first row is a person of that surname and first name.
  'surname + first name': 'top1',
  'numbers in words': 'top1',
  'fraction said aloud': 'top1',
  'glued building': 'top1',
  'operator typing model': 'top1',
  ...ROUND_THREE_KINDS,
} as const
export type EvaluationKind = keyof typeof EVALUATION_KINDS

const PER_KIND = 200
/**
 * Kinds that say a surname and initials only: every namesake with those initials is an honest tie
 * (the first letters of first name and patronymic are compared, not the whole names).
 */
const NAMED_BY_NAME: EvaluationKind[] = [
  'surname + initials',
  'typo',
  'wrong layout',
  'surname two slips + initials',
  'ё typed as е',
  'double surname without hyphen',
]

export function searchEvaluationSet(db: BetterSqlite3.Database, seed = 2026): EvaluationQuery[] {
  const random = new SeededRandom(seed)
  const max = db.prepare('SELECT max(id) FROM accounts').pluck().get() as number
  const at =
    db.prepare(`SELECT id, number, eirc_number, surname, first_name, patronymic, street, house, building,
    apartment, phone, email FROM accounts WHERE id >= ? ORDER BY id LIMIT 1`)
  const samePhone = db.prepare(`SELECT count(*) FROM accounts WHERE phone_digits = ?`).pluck()
  const sameEmail = db.prepare(`SELECT count(*) FROM accounts WHERE email = ? COLLATE NOCASE`).pluck()
  const sameHouse = db.prepare(`SELECT count(*) FROM accounts WHERE street = ? AND house = ?`).pluck()
  const reversed = db
    .prepare(`SELECT count(*) FROM accounts WHERE street = ? AND house = ? AND apartment = ?`)
    .pluck()
  const sameName = db
    .prepare(
      `SELECT count(*) FROM accounts WHERE surname_key = search_key(?)
      AND substr(first_name, 1, 1) = ? AND substr(coalesce(patronymic, ''), 1, 1) = ?`,
    )
    .pluck()
  const sameTail = db
    .prepare(
      `SELECT count(*) FROM accounts WHERE substr(number, -5) = substr(@tail, -5)
    AND number LIKE '%' || @tail`,
    )
    .pluck()
  const sameSurnameInHouse = db
    .prepare(`SELECT count(*) FROM accounts WHERE street = ? AND house = ? AND surname_key = search_key(?)`)
    .pluck()
  const queries: EvaluationQuery[] = []

  const draw = (kind: EvaluationKind, make: (a: Sample) => string | null) => {
    let made = 0
    for (let tries = 0; made < PER_KIND && tries < PER_KIND * 200; tries++) {
      const a = at.get(random.int(1, max)) as Sample
      const query = make(a)
      if (query === null) continue
      const tie = NAMED_BY_NAME.includes(kind)
        ? { surname: a.surname, firstName: a.first_name, patronymic: a.patronymic ?? '' }
        : kind === 'surname + first name'
          ? { surname: a.surname, firstName: a.first_name }
          : undefined
      queries.push({ kind, query, accountId: a.id, ...(tie ? { tie } : {}) })
      made++
    }
  }
  const digitsOf = (phone: string) => phone.replace(/\D/g, '').slice(-10)
  const uniquePhone = (a: Sample) => a.phone !== null && samePhone.get(digitsOf(a.phone)) === 1
  const streetSpoken = (a: Sample) => spokenStreet(a.street, random)
  const initials = (a: Sample) => [a.first_name[0]!, a.patronymic?.[0] ?? ''] as const
  const nameIsNarrow = (a: Sample) =>
    a.patronymic !== null && (sameName.get(a.surname, ...initials(a)) as number) <= 5

  draw('number', (a) => a.number)
  draw('eirc', (a) => a.eirc_number)
  draw('phone', (a) => {
    if (!uniquePhone(a)) return null
    const d = digitsOf(a.phone!)
    return random.pick([
      `8 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
      `+7(${d.slice(0, 3)})${d.slice(3)}`,
      `8${d}`,
      `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
    ])
  })
  draw('phone last 7', (a) => {
    if (!uniquePhone(a)) return null
    const d = digitsOf(a.phone!).slice(-7)
    return random.pick([d, `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`])
  })
  draw('email', (a) =>
    a.email && sameEmail.get(a.email) === 1
      ? random.pick([a.email, a.email.toUpperCase(), ` ${a.email} `])
      : null,
  )
  draw('address labelled', (a) => {
    if (!a.apartment || a.building || !/^\d+$/.test(a.house)) return null
    return random.pick([
      `${a.street}, д. ${a.house}, кв. ${a.apartment}`,
      `${streetSpoken(a)} д.${a.house} кв.${a.apartment}`,
      `${streetSpoken(a)}, дом ${a.house}, квартира ${a.apartment}`,
      `кв. ${a.apartment}, д. ${a.house}, ${streetSpoken(a)}`,
    ])
  })
  draw('address bare numbers', (a) => {
    if (!a.apartment || a.building || !/^\d+$/.test(a.house)) return null
    return random.pick([
      `${streetSpoken(a)} ${a.house} ${a.apartment}`,
      `${streetSpoken(a)}, ${a.house}-${a.apartment}`,
    ])
  })
  draw('address reversed exists', (a) => {
    if (!a.apartment || a.building || !/^\d+$/.test(a.house)) return null
    if (reversed.get(a.street, a.apartment, a.house) === 0) return null
    return `${streetSpoken(a)} ${a.house} ${a.apartment}`
  })
  draw('address letter, fraction, building', (a) => {
    if (!a.apartment) return null
    const street = streetSpoken(a)
    if (a.building)
      return random.pick([
        `${street} ${a.house}к${a.building} кв ${a.apartment}`,
        `${street} д. ${a.house} корп. ${a.building}, кв. ${a.apartment}`,
        `${street} ${a.house} ${a.building} ${a.apartment}`,
      ])
    const lettered = /^(\d+)([А-Я])$/.exec(a.house)
    if (lettered)
      return random.pick([
        `${street} ${a.house} ${a.apartment}`,
        `${street} ${lettered[1]} ${lettered[2]!.toLowerCase()}, кв. ${a.apartment}`,
      ])
    if (a.house.includes('/')) return `${street} ${a.house} кв ${a.apartment}`
    return null
  })
  draw('private house', (a) => {
    // Only a house that is the one account at its number: "Молодых строителей 13" also names the
    // block of flats numbered 13 on that street, and then the caller is asked for a flat.
    if (a.apartment !== null || sameHouse.get(a.street, a.house) !== 1) return null
    return random.pick([`${streetSpoken(a)} ${a.house}`, `${streetSpoken(a)}, д. ${a.house}`])
  })
  draw('surname + initials', (a) => {
    if (!nameIsNarrow(a)) return null
    const [i1, i2] = initials(a)
    return random.pick([
      `${a.surname} ${i1}. ${i2}.`,
      `${a.surname.toLowerCase()} ${i1}${i2}`.toLowerCase(),
      `${a.surname} ${i1}.${i2}.`,
      `${a.surname} ${i1} ${i2}`,
    ])
  })
  draw('typo', (a) => {
    if (!nameIsNarrow(a) || a.surname.length < 5 || a.surname.includes('-')) return null
    const [i1, i2] = initials(a)
    return `${oneSlip(a.surname.toLowerCase(), random)} ${i1}. ${i2}.`
  })
  draw('wrong layout', (a) => {
    if (!nameIsNarrow(a)) return null
    const [i1, i2] = initials(a)
    return cyrillicKeysAsLatin(`${a.surname} ${i1}${i2}`.toLowerCase())
  })
  drawRoundTwo(draw, random, {
    uniquePhone,
    digitsOf,
    streetSpoken,
    uniqueTail: (a) => sameTail.get({ tail: a.number.slice(-6) }) === 1,
    uniqueEmail: (a) => a.email !== null && sameEmail.get(a.email) === 1,
    aloneInHouse: (a) => sameSurnameInHouse.get(a.street, a.house, a.surname) === 1,
  })
  drawRoundThree(db, draw, random, nameIsNarrow, uniquePhone)
  return queries
}

interface Checks {
  uniquePhone: (a: Sample) => boolean
  digitsOf: (phone: string) => string
  streetSpoken: (a: Sample) => string
  uniqueTail: (a: Sample) => boolean
  uniqueEmail: (a: Sample) => boolean
  aloneInHouse: (a: Sample) => boolean
}

const COMMON_DOMAINS = ['mail.ru', 'yandex.ru', 'gmail.com', 'rambler.ru']

/** The round-two kinds (docs/business-rules.md#finding-the-callers-account), each drawn as callers say it. */
function drawRoundTwo(
  draw: (kind: EvaluationKind, make: (a: Sample) => string | null) => void,
  random: SeededRandom,
  c: Checks,
) {
  const flatAddress = (a: Sample) => a.apartment !== null && !a.building && /^\d+$/.test(a.house)
  draw(
    'number labelled',
    (a) => `${random.pick(['л/с', 'лс', 'счёт', '№', 'лицевой счёт', 'Л/С'])} ${a.number}`,
  )
  draw('number tail', (a) => (c.uniqueTail(a) ? a.number.slice(-6) : null))
  draw('eirc without prefix', (a) => a.eirc_number.slice(4))
  draw('phone labelled', (a) => {
    if (!c.uniquePhone(a)) return null
    const d = c.digitsOf(a.phone!)
    return `${random.pick(['тел.', 'тел', 'телефон'])} 8 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`
  })
  draw('email domain slip', (a) => {
    if (!c.uniqueEmail(a)) return null
    const [local, domain] = a.email!.split('@') as [string, string]
    if (!COMMON_DOMAINS.includes(domain)) return null
    const name = domain.slice(0, domain.lastIndexOf('.'))
    return `${local}@${name}.${random.pick(domain.endsWith('.ru') ? ['r', 'ry', 'ru.'] : ['cm', 'co', 'con'])}`.replace(
      /\.$/,
      '',
    )
  })
  draw('surname + address', (a) => {
    if (!flatAddress(a)) return null
    return random.pick([
      `${a.surname} ${c.streetSpoken(a)} ${a.house} ${a.apartment}`,
      `${a.surname}, ${c.streetSpoken(a)}, д. ${a.house}, кв. ${a.apartment}`,
      `${c.streetSpoken(a)} ${a.house}-${a.apartment} ${a.surname}`,
    ])
  })
  draw('surname + house, no flat', (a) =>
    flatAddress(a) && c.aloneInHouse(a) ? `${a.surname} ${c.streetSpoken(a)} ${a.house}` : null,
  )
  draw('surname slip + address', (a) =>
    flatAddress(a) && a.surname.length >= 6 && !a.surname.includes('-')
      ? `${oneSlip(a.surname.toLowerCase(), random)} ${c.streetSpoken(a)} ${a.house} ${a.apartment}`
      : null,
  )
  draw('surname + first name', (a) =>
    random.pick([`${a.surname} ${a.first_name}`, `${a.first_name} ${a.surname}`]),
  )
  draw('numbers in words', (a) => {
    if (!flatAddress(a) || Number(a.house) > 999 || Number(a.apartment) > 999) return null
    return `${c.streetSpoken(a)} дом ${spokenNumber(Number(a.house))} квартира ${spokenNumber(Number(a.apartment))}`
  })
  draw('fraction said aloud', (a) => {
    const fraction = /^(\d+)\/(\d+)$/.exec(a.house)
    if (!fraction || !a.apartment) return null
    return `${c.streetSpoken(a)} ${fraction[1]} дробь ${fraction[2]}, кв ${a.apartment}`
  })
  draw('glued building', (a) => {
    if (!a.building || !a.apartment) return null
    return random.pick([
      `${c.streetSpoken(a)} ${a.house}к${a.building}-${a.apartment}`,
      `${c.streetSpoken(a)} ${a.house}к${a.building} ${a.apartment}`,
    ])
  })
  draw('operator typing model', (a) => (flatAddress(a) ? operatorTyping(a, random, c) : null))
}

/**
 * An operator typing what a caller says, drawn from a model not written from the parser: each part
 * kept or dropped, abbreviated or not, in a random order, with a random case and punctuation, and a
 * slip in the street's name one time in five.
 */
function operatorTyping(a: Sample, random: SeededRandom, c: Checks): string {
  let street = c.streetSpoken(a)
  const streetWord = street.split(' ').sort((x, y) => y.length - x.length)[0]!
  if (streetWord.length >= 6 && random.chance(0.2))
    street = street.replace(streetWord, oneSlip(streetWord, random))
  const house = random.pick([a.house, `д${a.house}`, `д. ${a.house}`, `дом ${a.house}`])
  const flat = random.pick([
    a.apartment!,
    `кв${a.apartment}`,
    `кв. ${a.apartment}`,
    `квартира ${a.apartment}`,
  ])
  const parts = [street, house, flat]
  if (random.chance(0.4))
    parts.splice(random.int(0, 3), 0, random.chance(0.5) ? a.surname : a.surname.toLowerCase())
  const separator = random.pick([' ', ', ', ' , '])
  const typed = parts.join(separator)
  return random.chance(0.2) ? typed.toUpperCase() : random.chance(0.3) ? typed.toLowerCase() : typed
}
