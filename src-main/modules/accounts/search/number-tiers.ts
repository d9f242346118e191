import type BetterSqlite3 from 'better-sqlite3'
import type { AccountQuery } from '@shared/domain/search/account-query'
import { FILTERS, HIT_COLUMNS, type HitList } from './hit-rows'

type DigitsQuery = Extract<AccountQuery, { kind: 'digits' }>
type Field = 'number' | 'eircNumber' | 'phone'

/** Sevastopol's EIRC numbers: 12 digits, the first four the region's (docs/business-rules.md#accounts). */
const EIRC_REGION_PREFIX = '9201'
const EIRC_NUMBER_LENGTH = 12
/** Fewer digits than this at a number's end are too many accounts to be a look-up. */
const NUMBER_TAIL_MIN = 5

const COLUMNS: Record<Field, string> = { number: 'number', eircNumber: 'eirc_number', phone: 'phone_digits' }

/**
 * Digits: an account number (Vodokanal's or EIRC's) or a phone, whole or begun. Every exact match
 * comes before any prefix ("exact first"), and the last seven digits of a phone are exact too: that
 * is how callers read a number out. All B-tree look-ups or ranges: a prefix costs what a match costs.
 */
export class NumberTiers {
  private readonly exact = new Map<Field, BetterSqlite3.Statement>()
  private readonly prefix = new Map<Field, BetterSqlite3.Statement>()
  private readonly count = new Map<Field, BetterSqlite3.Statement>()
  private readonly phoneTail: BetterSqlite3.Statement
  private readonly phoneTailCount: BetterSqlite3.Statement
  private readonly numberTail: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    for (const [field, column] of Object.entries(COLUMNS) as [Field, string][]) {
      this.exact.set(
        field,
        db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.${column} = @value AND ${FILTERS}
          ORDER BY a.status = 'closed' LIMIT @limit`),
      )
      this.prefix.set(
        field,
        db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.${column} > @value AND a.${column} < @upper
          AND ${FILTERS} ORDER BY a.${column} LIMIT @limit`),
      )
      this.count.set(
        field,
        db
          .prepare(
            `SELECT count(*) FROM accounts a WHERE a.${column} >= @value AND a.${column} < @upper
          AND ${FILTERS}`,
          )
          .pluck(),
      )
    }
    this.phoneTail = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a
      WHERE substr(a.phone_digits, -7) = @value AND a.phone_digits IS NOT NULL AND ${FILTERS}
      ORDER BY a.status = 'closed' LIMIT @limit`)
    // The end of an account number, five digits or more: the `accounts_number_tail` index, then the rest.
    this.numberTail = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a
      WHERE substr(a.number, -5) = substr(@value, -5) AND a.number LIKE '%' || @value AND a.number <> @value
      AND ${FILTERS} ORDER BY a.status = 'closed', a.number LIMIT @limit`)
    this.phoneTailCount = db
      .prepare(
        `SELECT count(*) FROM accounts a
      WHERE substr(a.phone_digits, -7) = @value AND a.phone_digits IS NOT NULL AND ${FILTERS}`,
      )
      .pluck()
  }

  /** Adds the hits in rank order; answers how many accounts match in all. */
  collect(query: DigitsQuery, list: HitList, filters: object): number {
    const { digits } = query
    const phone = query.phone ?? (digits.length >= 3 ? digits : null)
    const asked: [Field, string][] = [
      ['number', digits],
      ['eircNumber', digits],
      // EIRC numbers said without their region's prefix.
      ...(digits.length === EIRC_NUMBER_LENGTH - EIRC_REGION_PREFIX.length
        ? [['eircNumber', EIRC_REGION_PREFIX + digits] as [Field, string]]
        : []),
      ...(phone ? [['phone', phone] as [Field, string]] : []),
    ]
    const params = (value: string) => ({ ...filters, value, upper: value + ':', limit: list.room })
    for (const [field, value] of asked) list.add(this.exact.get(field)!.all(params(value)), field)
    const tail = digits.length === 7
    if (tail) list.add(this.phoneTail.all(params(digits)), 'phone')
    if (digits.length >= NUMBER_TAIL_MIN && digits.length < 8)
      list.add(this.numberTail.all(params(digits)), 'number')
    for (const [field, value] of asked) list.add(this.prefix.get(field)!.all(params(value)), field)
    let total = tail ? (this.phoneTailCount.get(params(digits)) as number) : 0
    for (const [field, value] of asked) total += this.count.get(field)!.get(params(value)) as number
    return total
  }
}
