import type BetterSqlite3 from 'better-sqlite3'
import type { AccountHit } from '@shared/contract'
import { parseAccountQuery, type AccountQuery } from '@shared/domain/search/account-query'
import {
  cyrillicKeysAsLatin,
  hasCyrillicLetters,
  hasLatinLetters,
  latinKeysAsCyrillic,
} from '@shared/domain/search/keyboard-layout'
import { withinOneEdit } from '@shared/domain/search/one-edit'
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

/** The mail services Sevastopol's subscribers use most: a slip in one of them is corrected. */
const COMMON_MAIL_DOMAINS = [
  'mail.ru',
  'yandex.ru',
  'ya.ru',
  'gmail.com',
  'rambler.ru',
  'bk.ru',
  'list.ru',
  'inbox.ru',
  'icloud.com',
]

/** "ivanov@gmail.cm" is ivanov@gmail.com: a whole address whose domain is one slip from a common one. */
function emailDomainCorrected(query: AccountQuery): string[] {
  if (query.kind !== 'email') return []
  const at = query.email.lastIndexOf('@')
  if (at < 1) return []
  const domain = query.email.slice(at + 1)
  if (domain.length < 4 || COMMON_MAIL_DOMAINS.includes(domain)) return []
  return COMMON_MAIL_DOMAINS.filter((known) => withinOneEdit(known, domain)).map(
    (known) => `${query.email.slice(0, at)}@${known}`,
  )
}

/** Below this many hits the tolerant readings (a slip, the other layout) are tried as well. */
const TOLERANT_BELOW = 5
const NO_FILTERS: SearchFilters = { status: null, street: null }
/**
 * How many corrections of one word are tried, likeliest first, until five accounts are listed: each is
 * one look-up of an exact surname, and a word two slips from its surname has a dozen neighbours.
 */
const CORRECTIONS_TRIED = 12

/**
 * The search behind the one box (docs/business-rules.md#finding-the-callers-account). A query is read into
 * its parts (`parseAccountQuery`) and answered by tiers in rank order, each a look-up in its own index:
 * numbers and phones; the exact address; the exact surname, then surnames that begin with the word; then the
 * loose word match. The exact match is always first: opening the wrong account is worse than a second look
 * (docs/business-rules.md#finding-the-callers-account). When that finds next to nothing, the query is read
 * tolerantly — slips corrected (one in 4–5 letters, two from 6), or the keyboard layout switched — and those hits
 * come after, marked with what the query was read as.
 */
export class AccountSearch {
  private readonly vocabulary: SearchVocabulary
  private readonly numbers: NumberTiers
  private readonly addresses: AddressTiers
  private readonly names: NameTiers
  private readonly words: WordTier
  private readonly byEmail: BetterSqlite3.Statement
  private readonly byEmailStart: BetterSqlite3.Statement
  private readonly byEmailStartCount: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.vocabulary = new SearchVocabulary(db)
    this.numbers = new NumberTiers(db)
    this.addresses = new AddressTiers(db, this.vocabulary)
    this.names = new NameTiers(db)
    this.words = new WordTier(db)
    this.byEmail = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a WHERE a.email = @email COLLATE NOCASE
      AND ${FILTERS} LIMIT @limit`)
    // An email is dictated from its start: what was typed so far is a range of the email index.
    this.byEmailStart = db.prepare(`SELECT ${HIT_COLUMNS} FROM accounts a
      WHERE a.email > @email COLLATE NOCASE AND a.email < @upper COLLATE NOCASE AND ${FILTERS}
      ORDER BY a.email COLLATE NOCASE LIMIT @limit`)
    this.byEmailStartCount = db
      .prepare(
        `SELECT count(*) FROM accounts a
        WHERE a.email >= @email COLLATE NOCASE AND a.email < @upper COLLATE NOCASE AND ${FILTERS}`,
      )
      .pluck()
  }

  search(raw: string, limit: number, filters: SearchFilters = NO_FILTERS): SearchAnswer {
    const query = parseAccountQuery(raw)
    const list = new HitList(limit)
    let total = this.collect(query, list, filters, null)
    const streets = query.kind === 'text' && total > limit ? this.words.streets(query, filters) : []
    // An address that named its flat needs no second reading; anything else finding next to nothing does.
    if (list.size < TOLERANT_BELOW && query.kind !== 'empty' && !this.addressFound(list)) {
      for (const reading of this.otherLayout(raw, list.size === 0))
        total += this.collect(parseAccountQuery(reading), list, filters, reading)
      for (const reading of emailDomainCorrected(query))
        total += this.collect(parseAccountQuery(reading), list, filters, reading)
      // A slip is looked for among surnames and names only: a corrected word matching loosely
      // anywhere would bury the caller under strangers. The guesses take turns, likeliest first, so
      // the list offers each surname the word may be ("Фёдоров, Егоров или Сидоров?") rather than
      // five namesakes of the first.
      const guessed: AccountHit[][] = []
      for (const reading of this.slipsCorrected(raw, query, list.size === 0)) {
        const corrected = parseAccountQuery(reading)
        if (corrected.kind !== 'text' || corrected.address) continue
        const own = new HitList(TOLERANT_BELOW)
        this.names.collect(corrected, own, filters, { similarTo: reading, count: false })
        if (own.size) guessed.push(own.list())
      }
      list.addInTurns(guessed)
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
        const params = { email: query.email, upper: query.email + '\uffff', ...filters }
        list.add(this.byEmail.all({ ...params, limit: list.room }), 'email', similarTo)
        list.add(this.byEmailStart.all({ ...params, limit: list.room }), 'email', similarTo)
        return this.byEmailStartCount.get(params) as number
      }
      case 'text': {
        if (query.address) {
          const atAddress = this.addresses.collect(query, list, filters)
          if (this.addressFound(list)) return atAddress
          return Math.max(atAddress, this.words.collect(query, list, filters, similarTo))
        }
        const named = this.names.collect(query, list, filters, { similarTo: similarTo ?? undefined })
        // A name that fills the list by itself is the answer: the loose match, a pass over every word's
        // beginning anywhere ("иван"* is half the city's patronymics), would only add to the count.
        if (!list.room && named >= list.limit) return named
        const loose = this.words.collect(query, list, filters, similarTo)
        return Math.max(named, loose)
      }
    }
  }

  /** The first row is an exact structured address: nothing looser needs adding. */
  private addressFound(list: HitList): boolean {
    const first = list.first()
    return first?.matchedBy === 'address' && first.similarTo === null
  }

  /** The same keys in the other layout: "bdfyjdf" is "иванова"; "шмфтщм" is an email's "ivanov". */
  private otherLayout(raw: string, nothingFound: boolean): string[] {
    // A query with Russian words in it was typed in the right layout: its Latin words ("NEAR", a
    // brand) are words, and switching the whole of it would only search nonsense a second time.
    if (hasLatinLetters(raw) && !raw.includes('@') && !/[а-яё]{3,}/i.test(raw))
      return [latinKeysAsCyrillic(raw)]
    // Russian letters are what this box mostly gets: read as Latin keys only when they found nothing.
    if (nothingFound && hasCyrillicLetters(raw) && !hasLatinLetters(raw)) return [cyrillicKeysAsLatin(raw)]
    return []
  }

  /**
   * Each word of 4+ letters with its slips corrected against the known surnames, names and streets (or
   * a double surname's hyphen put back): a word no account has, or any word when nothing at all was
   * found ("Козлов А. П." may be Козлова).
   */
  private slipsCorrected(raw: string, query: AccountQuery, nothingFound: boolean): string[] {
    if (query.kind !== 'text') return []
    const text = searchKey(raw)
    const doubtful = query.words.filter((word) => nothingFound || !this.vocabulary.isKnown(word))
    return doubtful.flatMap((word) => [
      ...this.hyphenRestored(word).map((joined) => text.replace(word, joined)),
      ...this.vocabulary
        .corrections(word)
        .slice(0, CORRECTIONS_TRIED)
        .map((correction) => text.replace(word, correction)),
    ])
  }

  /** "РимскийКорсаков": a double surname typed without its hyphen, where both halves are known words. */
  private hyphenRestored(word: string): string[] {
    if (word.length < 8 || word.includes('-') || this.vocabulary.isKnown(word)) return []
    const found: string[] = []
    for (let at = 3; at <= word.length - 3; at++) {
      const [left, right] = [word.slice(0, at), word.slice(at)]
      if (this.vocabulary.isKnown(left) && this.vocabulary.isKnown(right)) found.push(`${left}-${right}`)
    }
    return found
  }
}
