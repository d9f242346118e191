import type BetterSqlite3 from 'better-sqlite3'
import type { HouseChoice, TextQuery } from '@shared/domain/search/account-query'
import { FILTERS, HIT_COLUMNS, type HitList } from './hit-rows'
import type { SearchVocabulary } from './search-vocabulary'
import { matchStreet } from './street-match'

const AT_HOUSE = `a.street IN (SELECT value FROM json_each(@streets)) AND a.house_key = @house
  AND (@building IS NULL OR search_key(coalesce(a.building, '')) = @building)`
const AT_FLAT = `(@flat IS NULL OR search_key(coalesce(a.apartment, '')) = @flat)`
/** In a house: the private house itself, then its flats in number order. */
const HOUSE_ORDER = `a.status = 'closed', a.apartment IS NOT NULL, length(a.apartment), a.apartment`

/**
 * An address read into its parts and matched as parts (docs/business-rules.md#finding-the-callers-account):
 * the street against the city's street list, then street + house (+ building) + flat exactly, through the
 * `accounts_address` index. "37 27" is house 37 flat 27 first; house 27 flat 37 comes after it, and only the
 * exact reading is ever first.
 */
export class AddressTiers {
  private readonly atFlat: BetterSqlite3.Statement
  private readonly atFlatCount: BetterSqlite3.Statement
  private readonly inHouse: BetterSqlite3.Statement
  private readonly named: BetterSqlite3.Statement

  constructor(
    db: BetterSqlite3.Database,
    private readonly vocabulary: SearchVocabulary,
  ) {
    this.atFlat = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE ${AT_HOUSE} AND ${AT_FLAT}
      AND ${FILTERS} ORDER BY ${HOUSE_ORDER} LIMIT @limit`)
    this.atFlatCount = db
      .prepare(`SELECT count(*) FROM accounts a WHERE ${AT_HOUSE} AND ${AT_FLAT} AND ${FILTERS}`)
      .pluck()
    this.inHouse = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE ${AT_HOUSE} AND ${FILTERS}
      ORDER BY ${HOUSE_ORDER} LIMIT @limit`)
    // A house's accounts whose owner bears a surname the caller said (or begins with it: "Лазарев"
    // for "Лазарева" is not; "Лазарев" typed finds "Лазарева" too).
    this.named = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE ${AT_HOUSE} AND ${AT_FLAT}
      AND a.surname_key IN (SELECT value FROM json_each(@surnames)) AND ${FILTERS}
      ORDER BY ${HOUSE_ORDER} LIMIT @limit`)
  }

  /** Adds the structured matches; answers how many there are (0 when the street is not known). */
  collect(query: TextQuery, list: HitList, filters: object): number {
    const address = query.address
    if (!address) return 0
    const street = matchStreet(
      [...query.words, ...query.initials],
      address.streetType,
      this.vocabulary.streetNames(),
    )
    if (!street.streets.length) return 0
    // Exact only when every word said matched: a house found with a surname that is not its owner's
    // ("Лазарева Ленина 58" listing the house's other flats) is a guess, and says so.
    const unexplained = query.words.some((word) => word.length > 1 && !street.used.includes(word))
    const similarTo = street.corrected || unexplained ? street.streets.join(', ') : null
    const streets = JSON.stringify(street.streets)
    const params = (choice: HouseChoice, flat: string | null) => ({
      streets,
      house: choice.house,
      building: choice.building,
      flat,
      ...filters,
    })
    let total = 0
    // A surname said with the address picks its owner out of the house first ("Лазарева Ленина 58"),
    // and tells which of two streets the words name was meant: "Новикова Суворова 26/1-115" is
    // Новикова of ул. Суворова when she lives there, the words' other reading only when nobody does.
    const readings: [HouseChoice, string | null][] = address.houses.map((choice) => [choice, address.flat])
    if (address.swapped)
      readings.push([{ house: address.swapped.house, building: null }, address.swapped.flat])
    const byName = (named: string, surnames: string[], marked: string | null) => {
      for (const [choice, flat] of readings)
        list.add(
          this.named.all({
            ...params(choice, flat),
            streets: JSON.stringify([named]),
            surnames: JSON.stringify(surnames),
            limit: list.room,
          }),
          'address',
          marked,
        )
    }
    for (const { street: named, used } of street.candidates) {
      const surnames = query.words.filter((word) => word.length > 1 && !used.includes(word))
      if (!surnames.length) continue
      byName(named, surnames, null)
      // A slip in the surname said with the address ("Лазарва Ленина 58"): its known neighbours,
      // marked with what was read.
      for (const word of surnames.filter((w) => !this.vocabulary.isKnown(w)))
        for (const corrected of this.vocabulary.corrections(word).slice(0, 5))
          byName(named, [corrected], `${corrected}, ${named}`)
    }
    for (const choice of address.houses) {
      list.add(this.atFlat.all({ ...params(choice, address.flat), limit: list.room }), 'address', similarTo)
      total += this.atFlatCount.get(params(choice, address.flat)) as number
    }
    const { swapped } = address
    if (swapped) {
      const choice = { house: swapped.house, building: null }
      list.add(this.atFlat.all({ ...params(choice, swapped.flat), limit: list.room }), 'address', similarTo)
      total += this.atFlatCount.get(params(choice, swapped.flat)) as number
    }
    // No such flat: the house's other accounts are the next best thing to show.
    if (total === 0 && address.flat !== null)
      for (const choice of address.houses)
        list.add(this.inHouse.all({ ...params(choice, null), limit: list.room }), 'address', similarTo)
    return total
  }
}
