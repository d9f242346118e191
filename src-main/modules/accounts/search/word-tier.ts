import type BetterSqlite3 from 'better-sqlite3'
import type { AccountHit } from '@shared/contract'
import type { TextQuery } from '@shared/domain/search/account-query'
import { searchKey } from '@shared/domain/search/search-text'
import { FILTERS, HIT_COLUMNS, type HitList, type HitRow, liveFirst } from './hit-rows'

/** Initials narrow by the first letters of name and patronymic; null when not given. */
export function initialsParams(initials: string[]) {
  return { first: initials[0] ?? null, second: initials[1] ?? null }
}
export const INITIALS = `(@first IS NULL OR substr(search_key(a.first_name), 1, 1) = @first)
  AND (@second IS NULL OR substr(search_key(coalesce(a.patronymic, '')), 1, 1) = @second)`

/**
 * The loose match, last in rank: every word the beginning of a word anywhere in the owner, address
 * or email (FTS5, owner weighted above address). It finds what the exact tiers do not understand,
 * and it counts the matches. Words reach FTS5 only as quoted tokens of letters and digits, so quotes,
 * %, _, * or FTS syntax typed by a person are never syntax.
 */
export class WordTier {
  private readonly rows: BetterSqlite3.Statement
  private readonly countAll: BetterSqlite3.Statement
  private readonly countNarrowed: BetterSqlite3.Statement
  private readonly streetsOf: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.rows = db.prepare(`SELECT ${HIT_COLUMNS} FROM account_search s JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH @match AND s.rank MATCH 'bm25(4.0, 1.0, 1.0)' AND ${INITIALS} AND ${FILTERS}
      ORDER BY s.rank LIMIT @limit`)
    this.countAll = db
      .prepare(`SELECT count(*) FROM account_search WHERE account_search MATCH @match`)
      .pluck()
    this.countNarrowed = db
      .prepare(
        `SELECT count(*) FROM account_search s JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH @match AND ${INITIALS} AND ${FILTERS}`,
      )
      .pluck()
    // The streets of a long list, read from its first 2,000 matches: enough to name the big ones.
    this.streetsOf = db
      .prepare(
        `SELECT a.street FROM
      (SELECT rowid FROM account_search WHERE account_search MATCH @match LIMIT 2000) s
      JOIN accounts a ON a.id = s.rowid WHERE ${INITIALS} AND ${FILTERS}
      GROUP BY a.street ORDER BY count(*) DESC LIMIT 5`,
      )
      .pluck()
  }

  collect(
    query: TextQuery,
    list: HitList,
    filters: { status: string | null; street: string | null },
    similarTo: string | null = null,
  ): number {
    const params = { match: textMatch(query), ...initialsParams(query.initials), ...filters }
    const rows = liveFirst(this.rows.all({ ...params, limit: list.room }))
    for (const row of rows as HitRow[]) list.add([row], matchedBy(row, query), similarTo)
    const narrowed = query.initials.length || filters.status || filters.street
    return (narrowed ? this.countNarrowed.get(params) : this.countAll.get(params)) as number
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
