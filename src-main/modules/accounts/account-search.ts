import type BetterSqlite3 from 'better-sqlite3'
import type { AccountHit } from '@shared/contract'
import { parseAccountQuery, type AccountQuery } from '@shared/domain/account-search-query'
import { formatAddress, formatOwner } from '@shared/domain/address'
import type { AccountRow } from '../../db/local/entities'

const HIT_COLUMNS = `a.id, a.number, a.eirc_number AS eircNumber, a.surname, a.first_name AS firstName, a.patronymic,
  a.street, a.house, a.building, a.apartment, a.district, a.status, a.house_type AS houseType`

type HitRow = Pick<
  AccountRow,
  | 'id'
  | 'number'
  | 'eircNumber'
  | 'surname'
  | 'firstName'
  | 'patronymic'
  | 'street'
  | 'house'
  | 'building'
  | 'apartment'
  | 'district'
  | 'status'
  | 'houseType'
>

/**
 * The search behind the one box. Numbers and phones go to B-tree indexes (range scans, so a prefix
 * costs what an exact match costs); words go to the FTS5 index. Words reach FTS5 only as quoted
 * tokens of letters and digits, so quotes, %, _, * or FTS syntax typed by a person are never syntax.
 */
export class AccountSearch {
  private readonly byNumber: BetterSqlite3.Statement
  private readonly byEirc: BetterSqlite3.Statement
  private readonly byPhone: BetterSqlite3.Statement
  private readonly byEmail: BetterSqlite3.Statement
  private readonly byText: BetterSqlite3.Statement
  private readonly byTextWithInitials: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    const range = (column: string) =>
      db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.${column} >= ? AND a.${column} < ?
        ORDER BY a.${column} = ? DESC, a.${column} LIMIT ?`)
    this.byNumber = range('number')
    this.byEirc = range('eirc_number')
    this.byPhone = range('phone_digits')
    this.byEmail = db.prepare(
      `SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.email = ? COLLATE NOCASE LIMIT ?`,
    )
    // Owner matches weigh more than address matches: a surname is what callers give first.
    this.byText = db.prepare(`SELECT ${HIT_COLUMNS}, s.rank AS score FROM account_search s
      JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH ? AND s.rank MATCH 'bm25(4.0, 1.0, 1.0)'
      ORDER BY s.rank LIMIT ?`)
    // Initials narrow the surname's matches by the first letters of name and patronymic, here
    // rather than in FTS5, where a one-letter prefix would match a tenth of the city.
    this.byTextWithInitials = db.prepare(`SELECT ${HIT_COLUMNS}, s.rank AS score FROM account_search s
      JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH @match AND s.rank MATCH 'bm25(4.0, 1.0, 1.0)'
        AND (@first IS NULL OR substr(a.first_name, 1, 1) IN (@first, @firstUpper))
        AND (@second IS NULL OR substr(a.patronymic, 1, 1) IN (@second, @secondUpper))
      ORDER BY s.rank LIMIT @limit`)
  }

  search(raw: string, limit: number): { understood: AccountQuery['kind']; hits: AccountHit[] } {
    const query = parseAccountQuery(raw)
    const hits = new Map<number, AccountHit>()
    const add = (rows: unknown[], matchedBy: AccountHit['matchedBy']) => {
      for (const row of rows as HitRow[])
        if (hits.size < limit && !hits.has(row.id)) hits.set(row.id, toHit(row, matchedBy))
    }
    const prefix = (statement: BetterSqlite3.Statement, value: string) =>
      statement.all(value, value + ':', value, limit)

    switch (query.kind) {
      case 'digits':
        // An exact Vodokanal number first, then EIRC, then phones, then prefixes of each.
        add(prefix(this.byNumber, query.digits), 'number')
        add(prefix(this.byEirc, query.digits), 'eircNumber')
        if (query.phone) add(prefix(this.byPhone, query.phone), 'phone')
        else if (query.digits.length >= 3) add(prefix(this.byPhone, query.digits), 'phone')
        break
      case 'email':
        add(this.byEmail.all(query.email, limit), 'email')
        if (hits.size === 0)
          add(this.byText.all(`email : (${query.words.map(prefixToken).join(' AND ')})`, limit), 'email')
        break
      case 'text':
        // Among equally good matches a caller almost always means the live account.
        add(
          (this.textHits(query, limit) as HitRow[]).sort(
            (a, b) => Number(a.status === 'closed') - Number(b.status === 'closed'),
          ),
          'owner',
        )
        break
    }
    return { understood: query.kind, hits: [...hits.values()].map((hit) => refineMatch(hit, query)) }
  }

  private textHits(query: Extract<AccountQuery, { kind: 'text' }>, limit: number): unknown[] {
    if (!query.initials.length) return this.byText.all(textMatch(query), limit)
    const [first = null, second = null] = query.initials
    return this.byTextWithInitials.all({
      match: textMatch(query),
      first,
      firstUpper: first?.toLocaleUpperCase('ru') ?? null,
      second,
      secondUpper: second?.toLocaleUpperCase('ru') ?? null,
      limit,
    })
  }
}

function textMatch(query: Extract<AccountQuery, { kind: 'text' }>): string {
  return [...query.words.map(prefixToken), ...query.numbers.map((n) => `address : ${quoted(n)}`)].join(
    ' AND ',
  )
}

const quoted = (token: string) => `"${token.replace(/"/g, '')}"`
const prefixToken = (token: string) => `${quoted(token)} *`

/** Says whether a text hit came from the owner's name or the address, for the results table. */
function refineMatch(hit: AccountHit, query: AccountQuery): AccountHit {
  if (query.kind !== 'text') return hit
  const owner = hit.owner.toLocaleLowerCase('ru').replace(/ё/g, 'е')
  const inOwner = query.words.some((word) => owner.split(/[\s-]+/).some((part) => part.startsWith(word)))
  return { ...hit, matchedBy: inOwner ? 'owner' : 'address' }
}

function toHit(row: HitRow, matchedBy: AccountHit['matchedBy']): AccountHit {
  return {
    id: row.id,
    number: row.number,
    eircNumber: row.eircNumber,
    owner: formatOwner(row),
    address: formatAddress(row),
    district: row.district,
    status: row.status,
    houseType: row.houseType,
    matchedBy,
  }
}
