import type BetterSqlite3 from 'better-sqlite3'
import { cyrillicKeysAsLatin } from '../shared/domain/search/keyboard-layout'
import { parseStreetName } from '../shared/domain/search/street-name'
import type { SeededRandom } from '../src-main/seed/random'
import { oneSlip, type Sample, spokenStreet, twoSlips } from './search-evaluation-forms'
import type { EvaluationKind } from './search-evaluation-set'
import { spokenNumber } from './spoken-numbers'

/** The round-three kinds and the measure each is held to. */
export const ROUND_THREE_KINDS = {
  'surname that is a street + address': 'top1',
  'surname + initials + address': 'top1',
  'surname two slips + address': 'top1',
  'street slips + address': 'top1',
  'house and flat with a slash': 'top1',
  'address in the other layout': 'top1',
  'building in words': 'top1',
  'private house in words': 'top1',
  'eirc labelled': 'top1',
  'number spaced': 'top1',
  'phone ten digits': 'top1',
  'surname two slips + initials': 'top5',
  'full name': 'top5',
  'given names, then surname': 'top5',
  'ё typed as е': 'top5',
  'double surname without hyphen': 'top5',
} as const

const lower = (text: string) => text.toLowerCase()
const key = (text: string) => lower(text).replace(/ё/g, 'е')

/**
 * The third round (docs/business-rules.md#finding-the-callers-account): the forms the first two held only
 * in part — surnames that are also streets, slips in the street or two in the surname, whole names in
 * either order, numbers and buildings in words, the other keyboard layout for an address, labels and
 * spacing on numbers.
 */
export function drawRoundThree(
  db: BetterSqlite3.Database,
  draw: (kind: EvaluationKind, make: (a: Sample) => string | null) => void,
  random: SeededRandom,
  narrowName: (a: Sample) => boolean,
  uniquePhone: (a: Sample) => boolean,
) {
  const streetWords = new Set(
    (db.prepare(`SELECT DISTINCT street FROM accounts`).pluck().all() as string[]).flatMap(
      (street) => parseStreetName(street).words,
    ),
  )
  const houseCount = db.prepare(`SELECT count(*) FROM accounts WHERE street = ? AND house = ?`).pluck()
  const fullNames = db
    .prepare(`SELECT count(*) FROM accounts WHERE surname = ? AND first_name = ? AND patronymic IS ?`)
    .pluck()
  const flatAddress = (a: Sample) => a.apartment !== null && !a.building && /^\d+$/.test(a.house)
  const street = (a: Sample) => spokenStreet(a.street, random)
  const initials = (a: Sample) => `${a.first_name[0]}.${a.patronymic?.[0] ?? ''}.`
  const isStreetWord = (surname: string) =>
    [...streetWords].some((word) => word === key(surname) || word.startsWith(key(surname)))
  const fullNameNarrow = (a: Sample) =>
    a.patronymic !== null && (fullNames.get(a.surname, a.first_name, a.patronymic) as number) <= 5

  draw('surname that is a street + address', (a) => {
    if (!flatAddress(a) || !isStreetWord(a.surname)) return null
    return random.pick([
      `${a.surname} ${street(a)} ${a.house} ${a.apartment}`,
      `${a.surname}, ${street(a)}, д. ${a.house}, кв. ${a.apartment}`,
      `${street(a)} ${a.house}-${a.apartment}, ${a.surname}`,
    ])
  })
  draw('surname + initials + address', (a) =>
    flatAddress(a) && a.patronymic
      ? random.pick([
          `${a.surname} ${initials(a)} ${street(a)} ${a.house}-${a.apartment}`,
          `${street(a)} д. ${a.house} кв. ${a.apartment} ${a.surname} ${initials(a)}`,
        ])
      : null,
  )
  draw('surname two slips + address', (a) =>
    flatAddress(a) && a.surname.length >= 6 && !a.surname.includes('-')
      ? `${twoSlips(lower(a.surname), random)} ${street(a)} ${a.house} ${a.apartment}`
      : null,
  )
  draw('street slips + address', (a) => {
    if (!flatAddress(a)) return null
    const { words } = parseStreetName(a.street)
    const longest = [...words].sort((x, y) => y.length - x.length)[0]!
    if (longest.length < 4) return null
    const slipped = longest.length >= 6 ? twoSlips(longest, random) : oneSlip(longest, random)
    return `${words.map((word) => (word === longest ? slipped : word)).join(' ')} ${a.house} ${a.apartment}`
  })
  draw('house and flat with a slash', (a) =>
    flatAddress(a) && houseCount.get(a.street, `${a.house}/${a.apartment}`) === 0
      ? `${street(a)} ${a.house}/${a.apartment}`
      : null,
  )
  draw('address in the other layout', (a) =>
    flatAddress(a) ? cyrillicKeysAsLatin(lower(`${street(a)} ${a.house} ${a.apartment}`)) : null,
  )
  draw('building in words', (a) => {
    if (!a.building || !a.apartment || !/^\d+$/.test(a.house) || Number(a.apartment) > 999) return null
    const [house, building, flat] = [a.house, a.building, a.apartment].map((n) => spokenNumber(Number(n)))
    return `${street(a)} дом ${house} корпус ${building} квартира ${flat}`
  })
  draw('private house in words', (a) =>
    a.apartment === null && /^\d+$/.test(a.house) && houseCount.get(a.street, a.house) === 1
      ? `${street(a)} дом ${spokenNumber(Number(a.house))}`
      : null,
  )
  draw('eirc labelled', (a) => `${random.pick(['ЕИРЦ', 'еирц:', 'ЕИРЦ №'])} ${a.eirc_number}`)
  draw('number spaced', (a) =>
    random.pick([
      `${a.number.slice(0, 4)} ${a.number.slice(4)}`,
      `${a.number.slice(0, 2)}-${a.number.slice(2, 5)}-${a.number.slice(5)}`,
    ]),
  )
  draw('phone ten digits', (a) => {
    if (!uniquePhone(a)) return null
    const d = a.phone!.replace(/\D/g, '').slice(-10)
    return random.pick([d, `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`])
  })
  draw('surname two slips + initials', (a) =>
    narrowName(a) && a.surname.length >= 6 && !a.surname.includes('-')
      ? `${twoSlips(lower(a.surname), random)} ${initials(a)}`
      : null,
  )
  draw('full name', (a) =>
    fullNameNarrow(a)
      ? random.pick([
          `${a.surname} ${a.first_name} ${a.patronymic}`,
          lower(`${a.surname} ${a.first_name} ${a.patronymic}`),
        ])
      : null,
  )
  draw('given names, then surname', (a) =>
    fullNameNarrow(a) ? `${a.first_name} ${a.patronymic} ${a.surname}` : null,
  )
  draw('ё typed as е', (a) =>
    narrowName(a) && a.surname.includes('ё') ? `${a.surname.replace(/ё/g, 'е')} ${initials(a)}` : null,
  )
  draw('double surname without hyphen', (a) =>
    narrowName(a) && a.surname.includes('-')
      ? `${a.surname.replace('-', random.pick(['', ' ']))} ${initials(a)}`
      : null,
  )
}
