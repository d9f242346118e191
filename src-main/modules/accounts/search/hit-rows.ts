import type { AccountHit } from '@shared/contract'
import { formatAddress, formatOwner } from '@shared/domain/address'
import type { AccountRow } from '../../../db/local/account-rows'

/** The columns a result row shows, selected from `accounts a` by every search statement. */
export const HIT_COLUMNS = `a.id, a.number, a.eirc_number AS eircNumber, a.surname, a.first_name AS firstName,
  a.patronymic, a.street, a.house, a.building, a.apartment, a.district, a.status, a.house_type AS houseType`

/** The narrowing every statement applies: `@status` and `@street`, null for "any". */
export const FILTERS = `(@status IS NULL OR a.status = @status) AND (@street IS NULL OR a.street = @street)`

export type HitRow = Pick<
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
 * The list being built, best first: tiers add in rank order, an account already listed keeps its
 * better place, and the list stops at the limit.
 */
export class HitList {
  private readonly hits = new Map<number, AccountHit>()

  constructor(readonly limit: number) {}

  get size(): number {
    return this.hits.size
  }

  get full(): boolean {
    return this.hits.size >= this.limit
  }

  /** How many more rows a tier may usefully fetch. */
  get room(): number {
    return Math.max(0, this.limit - this.hits.size)
  }

  add(rows: unknown[], matchedBy: AccountHit['matchedBy'], similarTo: string | null = null): void {
    for (const row of rows as HitRow[]) {
      if (this.full) return
      if (!this.hits.has(row.id)) this.hits.set(row.id, toHit(row, matchedBy, similarTo))
    }
  }

  /** Hits of several guesses, one from each in turn: the first of every guess, then the second… */
  addInTurns(guesses: AccountHit[][]): void {
    const longest = Math.max(0, ...guesses.map((hits) => hits.length))
    for (let turn = 0; turn < longest; turn++)
      for (const hits of guesses) {
        const hit = hits[turn]
        if (this.full) return
        if (hit && !this.hits.has(hit.id)) this.hits.set(hit.id, hit)
      }
  }

  first(): AccountHit | undefined {
    return this.hits.values().next().value
  }

  list(): AccountHit[] {
    return [...this.hits.values()]
  }
}

function toHit(row: HitRow, matchedBy: AccountHit['matchedBy'], similarTo: string | null): AccountHit {
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
    similarTo,
  }
}

/** Active accounts before closed ones, otherwise in the order given (a stable sort). */
export const liveFirst = (rows: unknown[]) =>
  (rows as HitRow[]).sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed'))
