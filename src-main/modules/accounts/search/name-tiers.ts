import type BetterSqlite3 from 'better-sqlite3'
import type { TextQuery } from '@shared/domain/search/account-query'
import { FILTERS, HIT_COLUMNS, type HitList, liveFirst } from './hit-rows'
import { initialsParams } from './word-tier'

/** Other words of the query, matched as the beginnings of the first name or the patronymic. */
const GIVEN = [1, 2]
  .map(
    (n) => `(@given${n} IS NULL
      OR substr(a.first_name_key, 1, length(@given${n})) = @given${n}
      OR substr(a.patronymic_key, 1, length(@given${n})) = @given${n})`,
  )
  .join(' AND ')

/** Initials, against the given names' keys: read from the index, never from the table's rows. */
const INITIALS = `(@first IS NULL OR substr(a.first_name_key, 1, 1) = @first)
  AND (@second IS NULL OR substr(a.patronymic_key, 1, 1) = @second)`

/**
 * "Фёдоров Иван" is Иван first: a first name that is the word, then one that begins with it, before a
 * patronymic that begins with it (Фёдоров Александр Иванович).
 */
const FIRST_NAME_FIRST = `(@given1 IS NOT NULL AND a.first_name_key = @given1) DESC,
  (@given1 IS NOT NULL AND substr(a.first_name_key, 1, length(@given1)) = @given1) DESC`

/**
 * The owner's name, ranked the way an operator expects (docs/business-rules.md#finding-the-callers-account):
 * the exact surname (with its initials) before surnames that only begin with the word ("Калинин" before
 * "Калинина"), and surnames before first names and patronymics (which the word tier finds later: "Иванов"
 * does not list "…Ивановна" first). Both are look-ups in the
 * `accounts_person` index, which also holds the given names' keys that narrow them.
 */
export class NameTiers {
  private readonly exact: BetterSqlite3.Statement
  private readonly prefix: BetterSqlite3.Statement
  private readonly count: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    const narrowing = `${GIVEN} AND ${INITIALS} AND ${FILTERS}`
    this.exact = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.surname_key = @surname
      AND ${narrowing} ORDER BY a.status = 'closed', ${FIRST_NAME_FIRST}, a.first_name, a.patronymic
      LIMIT @limit`)
    this.prefix = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a
      WHERE a.surname_key > @surname AND a.surname_key < @upper AND ${narrowing}
      ORDER BY a.surname_key LIMIT @limit`)
    this.count = db
      .prepare(
        `SELECT count(*) FROM accounts a
        WHERE a.surname_key >= @surname AND a.surname_key < @upper AND ${narrowing}`,
      )
      .pluck()
  }

  /**
   * Each word in turn is tried as the surname ("Анна Иванова" as well as "Иванова Анна"). Answers how
   * many accounts the likeliest surname reading matches, begun surnames included.
   */
  collect(
    query: TextQuery,
    list: HitList,
    filters: object,
    options: { similarTo?: string; count?: boolean } = {},
  ): number {
    const similarTo = options.similarTo ?? null
    const candidates = query.words.slice(0, 3)
    const paramsFor = (surname: string) => {
      const [given1 = null, given2 = null] = candidates.filter((word) => word !== surname)
      return {
        surname,
        upper: surname + '\uffff',
        given1,
        given2,
        ...initialsParams(query.initials),
        ...filters,
      }
    }
    // A full list needs no more look-ups; the count is then taken for the readings that found
    // someone by the exact surname (the likeliest), not for every word as a surname's beginning.
    const exactly: string[] = []
    for (const surname of candidates) {
      if (!list.room) break
      const rows = this.exact.all({ ...paramsFor(surname), limit: list.room })
      if (rows.length) exactly.push(surname)
      list.add(rows, 'owner', similarTo)
    }
    for (const surname of candidates) {
      if (!list.room) break
      list.add(liveFirst(this.prefix.all({ ...paramsFor(surname), limit: list.room })), 'owner', similarTo)
    }
    if (options.count === false) return 0
    const counted = exactly.length ? exactly : candidates
    return Math.max(0, ...counted.map((surname) => this.count.get(paramsFor(surname)) as number))
  }
}
