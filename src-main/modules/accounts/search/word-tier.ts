import type BetterSqlite3 from 'better-sqlite3'
import type { AccountHit } from '@shared/contract'
import type { TextQuery } from '@shared/domain/search/account-query'
import { searchKey } from '@shared/domain/search/search-text'
import { FILTERS, HIT_COLUMNS, type HitList, type HitRow, liveFirst } from './hit-rows'

/**
 * Initials narrow by the first letters of name and patronymic; null when not given. Both cases are
 * passed rather than folding every row: this filter runs on thousands of rows of a common surname.
 */
export function initialsParams(initials: string[]) {
  const [first = null, second = null] = initials
  const upper = (letter: string | null) => letter?.toLocaleUpperCase('ru') ?? null
  return { first, firstUpper: upper(first), second, secondUpper: upper(second) }
}
export const INITIALS = `(@first IS NULL OR substr(a.first_name, 1, 1) IN (@first, @firstUpper))
  AND (@second IS NULL OR substr(a.patronymic, 1, 1) IN (@second, @secondUpper))`

/** How many word matches a narrowed loose search reads at most: it is the last resort, not a census. */
const NARROWED_CANDIDATES = 2000

/**
 * The loose match, last in rank: every word the beginning of a word anywhere in the owner or the
 * address (FTS5). It finds what the exact tiers do not understand, and counts the matches. It is not
 * ordered by relevance: the tiers before it are the ranking, and scoring every match of a common
 * surname cost more than the whole rest of the search. Words reach FTS5 only as quoted tokens of
 * letters and digits, so quotes, %, _, * or FTS syntax typed by a person are never syntax.
 */
export class WordTier {
  private readonly rows: BetterSqlite3.Statement
  private readonly narrowedRows: BetterSqlite3.Statement
  private readonly count: BetterSqlite3.Statement
  private readonly streetsOf: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.rows = db.prepare(`SELECT ${HIT_COLUMNS} FROM account_search s JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH @match LIMIT @limit`)
    this.narrowedRows = db.prepare(`SELECT ${HIT_COLUMNS} FROM
      (SELECT rowid FROM account_search WHERE account_search MATCH @match LIMIT ${NARROWED_CANDIDATES}) s
      JOIN accounts a ON a.id = s.rowid WHERE ${INITIALS} AND ${FILTERS} LIMIT @limit`)
    this.count = db.prepare(`SELECT count(*) FROM account_search WHERE account_search MATCH @match`).pluck()
    // The streets of a long list, read from its first 2,000 matches: enough to name the big ones.
    this.streetsOf = db
      .prepare(
        `SELECT a.street FROM
      (SELECT rowid FROM account_search WHERE account_search MATCH @match LIMIT ${NARROWED_CANDIDATES}) s
      JOIN accounts a ON a.id = s.rowid WHERE ${INITIALS} AND ${FILTERS}
      GROUP BY a.street ORDER BY count(*) DESC LIMIT 5`,
      )
      .pluck()
  }

  /** Adds the loose matches; answers how many there are, or 0 when narrowed (the tiers count those). */
  collect(
    query: TextQuery,
    list: HitList,
    filters: { status: string | null; street: string | null },
    similarTo: string | null = null,
  ): number {
    const params = { match: textMatch(query), ...initialsParams(query.initials), ...filters }
    const narrowed = query.initials.length > 0 || filters.status !== null || filters.street !== null
    if (list.room > 0) {
      const found = narrowed
        ? this.narrowedRows.all({ ...params, limit: list.room })
        : this.rows.all({ match: params.match, limit: list.room })
      for (const row of liveFirst(found) as HitRow[]) list.add([row], matchedBy(row, query), similarTo)
    }
    return narrowed ? 0 : (this.count.get({ match: params.match }) as number)
  }

  streets(query: TextQuery, filters: object): string[] {
    return this.streetsOf.all({
      match: textMatch(query),
      ...initialsParams(query.initials),
      ...filters,
    }) as string[]
  }
}

function textMatch(query: TextQuery): string {
  const words = query.words.map((word) => `${quoted(word)} *`)
  const numbers = query.numbers.map((number) => `address : ${quoted(number)}`)
  // In an address, one letter is an abbreviation ("б" for "Большая") and narrows like a word.
  const letters = query.address ? query.initials.map((letter) => `address : ${quoted(letter)} *`) : []
  return [...words, ...numbers, ...letters].join(' AND ')
}

const quoted = (token: string) => `"${token.replace(/"/g, '')}"`

/** Says whether a hit came from the owner's name or from the address, for the results table. */
function matchedBy(row: HitRow, query: TextQuery): AccountHit['matchedBy'] {
  const owner = searchKey([row.surname, row.firstName, row.patronymic ?? ''].join(' '))
  const inOwner = query.words.some((word) => owner.split(/[\s-]+/).some((part) => part.startsWith(word)))
  return inOwner ? 'owner' : 'address'
}
