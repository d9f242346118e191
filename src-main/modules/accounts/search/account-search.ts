import type BetterSqlite3 from 'better-sqlite3'
import type { AccountHit } from '@shared/contract'
import { parseAccountQuery, type AccountQuery, type TextQuery } from '@shared/domain/search/account-query'
import {
  cyrillicKeysAsLatin,
  hasCyrillicLetters,
  hasLatinLetters,
  latinKeysAsCyrillic,
} from '@shared/domain/search/keyboard-layout'
import { searchKey } from '@shared/domain/search/search-text'
import { AddressTiers } from './address-tiers'
import { FILTERS, HIT_COLUMNS, HitList } from './hit-rows'
import { NameTiers } from './name-tiers'
import { NumberTiers } from './number-tiers'
import { SearchVocabulary } from './search-vocabulary'
import { WordTier } from './word-tier'

export interface SearchFilters {
  status: 'active' | 'closed' | null
  street: string | null
}

export interface SearchAnswer {
  understood: AccountQuery['kind']
  hits: AccountHit[]
  total: number
  streets: string[]
}

/** Below this many hits the tolerant readings (a slip, the other layout) are tried as well. */
const TOLERANT_BELOW = 5
const NO_FILTERS: SearchFilters = { status: null, street: null }

/**
 * The search behind the one box (issue: the operator's search and card). A query is read into its
 * parts (`parseAccountQuery`) and answered by tiers in rank order, each a look-up in its own index:
 * numbers and phones; the exact address; the exact surname, then surnames that begin with the word;
 * then the loose word match. The exact match is always first: opening the wrong account is worse
 * than a second look (DOMAIN.md). When that finds next to nothing, the query is read tolerantly —
 * one slip corrected in a word of 5+ letters, or the keyboard layout switched — and those hits come
 * after, marked with what the query was read as.
 */
export class AccountSearch {
  private readonly vocabulary: SearchVocabulary
  private readonly numbers: NumberTiers
  private readonly addresses: AddressTiers
  private readonly names: NameTiers
  private readonly words: WordTier
  private readonly byEmail: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.vocabulary = new SearchVocabulary(db)
    this.numbers = new NumberTiers(db)
    this.addresses = new AddressTiers(db, this.vocabulary)
    this.names = new NameTiers(db)
    this.words = new WordTier(db)
    this.byEmail = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.email = @email COLLATE NOCASE
      AND ${FILTERS} LIMIT @limit`)
  }

  search(raw: string, limit: number, filters: SearchFilters = NO_FILTERS): SearchAnswer {
    const query = parseAccountQuery(raw)
    const list = new HitList(limit)
    let total = this.collect(query, list, filters, null)
    let streets = query.kind === 'text' && total > limit ? this.words.streets(query, filters) : []
    if (list.size < TOLERANT_BELOW && query.kind !== 'empty') {
      for (const reading of this.tolerantReadings(raw, query)) {
        if (list.size >= TOLERANT_BELOW) break
        total += this.collect(parseAccountQuery(reading), list, filters, reading)
      }
      streets = total > limit ? streets : []
    }
    return { understood: query.kind, hits: list.list(), total: Math.max(total, list.size), streets }
  }

  private collect(
    query: AccountQuery,
    list: HitList,
    filters: SearchFilters,
    similarTo: string | null,
  ): number {
    switch (query.kind) {
      case 'empty':
        return 0
      case 'digits':
        return this.numbers.collect(query, list, filters)
      case 'email': {
        list.add(this.byEmail.all({ email: query.email, ...filters, limit: list.room }), 'email', similarTo)
        if (list.size) return list.size
        const words: TextQuery = {
          kind: 'text',
          words: query.words,
          numbers: [],
          initials: [],
          address: null,
        }
        return this.words.collect(words, list, filters, similarTo)
      }
      case 'text': {
        const atAddress = this.addresses.collect(query, list, filters)
        if (!query.address) this.names.collect(query, list, filters, similarTo)
        const loose = this.words.collect(query, list, filters, similarTo)
        return Math.max(atAddress, loose)
      }
    }
  }

  /**
   * Other readings of what was typed, likeliest first: the other keyboard layout ("bdfyjdf" is
   * "иванова"; an email typed in the Russian layout), then each word of 5+ letters with one slip
   * corrected against the known surnames, names and streets.
   */
  private tolerantReadings(raw: string, query: AccountQuery): string[] {
    const readings: string[] = []
    if (hasLatinLetters(raw) && query.kind !== 'email') readings.push(latinKeysAsCyrillic(raw))
    else if (hasCyrillicLetters(raw) && !hasLatinLetters(raw)) readings.push(cyrillicKeysAsLatin(raw))
    if (query.kind === 'text') {
      const text = searchKey(raw)
      for (const word of query.words)
        for (const correction of this.vocabulary.corrections(word).slice(0, 5))
          readings.push(text.replace(word, correction))
    }
    return readings
  }
}
