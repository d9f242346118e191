import type BetterSqlite3 from 'better-sqlite3'
import {
  deletions,
  sharedLetters,
  slipsAllowed,
  withinOneEdit,
  withinSlips,
} from '@shared/domain/search/one-edit'
import { parseStreetName, type StreetName } from '@shared/domain/search/street-name'

/** The shortest word a slip is corrected in: shorter ones are too close to too many others. */
export const MIN_CORRECTED_LENGTH = 4

/**
 * The city's streets and the words of its people's names, kept in memory from `search_words`
 * (local migration 16) and reloaded when that table has grown. Answers two questions: which streets
 * does an address name, and which known words is a misspelt one a slip away from.
 */
export class SearchVocabulary {
  private readonly latestId: BetterSqlite3.Statement
  private readonly allWords: BetterSqlite3.Statement
  private loadedUpTo = -1
  private streets: StreetName[] = []
  private known = new Set<string>()
  /** A word with one letter left out → the known words it came from (a deletion neighbourhood). */
  private neighbours = new Map<string, string[]>()
  /** Known words of 6+ letters by length: the few a two-slip word is compared with. */
  private byLength = new Map<number, string[]>()

  constructor(db: BetterSqlite3.Database) {
    this.latestId = db.prepare(`SELECT coalesce(max(id), 0) AS id FROM search_words`).pluck()
    this.allWords = db.prepare(`SELECT kind, word FROM search_words`)
  }

  streetNames(): StreetName[] {
    this.refresh()
    return this.streets
  }

  isKnown(word: string): boolean {
    this.refresh()
    return this.known.has(word)
  }

  /**
   * Known words a slip or two from `word` (`word` itself excluded), likeliest first: those one slip
   * away, then those two away (6+ letters); among equals, those sharing more letters with it in order
   * (`sharedLetters`), then those beginning with the same letter (callers' first sound is heard right
   * more often than not), then those of the nearer length. One slip is looked up in the deletion neighbourhood;
   * two are compared with the words of a near length only, since indexing every word's two-letter
   * deletions would cost a real city's vocabulary tens of megabytes.
   */
  corrections(word: string): string[] {
    this.refresh()
    if (word.length < MIN_CORRECTED_LENGTH) return []
    const oneSlip = new Set<string>()
    for (const key of [word, ...deletions(word)])
      for (const candidate of this.neighbours.get(key) ?? [])
        if (candidate !== word && slipsAllowed(candidate.length) && withinOneEdit(candidate, word))
          oneSlip.add(candidate)
    const twoSlips: string[] = []
    for (let length = Math.max(6, word.length - 2); length <= word.length + 2; length++)
      for (const candidate of this.byLength.get(length) ?? [])
        if (!oneSlip.has(candidate) && candidate !== word && withinSlips(word, candidate, 2))
          twoSlips.push(candidate)
    const likeliestFirst = (words: string[]) =>
      words
        .map((known) => ({ known, shared: sharedLetters(word, known), sameStart: known[0] === word[0] }))
        .sort(
          (a, b) =>
            b.shared - a.shared ||
            Number(b.sameStart) - Number(a.sameStart) ||
            Math.abs(a.known.length - word.length) - Math.abs(b.known.length - word.length),
        )
        .map(({ known }) => known)
    return [...likeliestFirst([...oneSlip]), ...likeliestFirst(twoSlips)]
  }

  private refresh(): void {
    const latest = this.latestId.get() as number
    if (latest === this.loadedUpTo) return
    const streets: StreetName[] = []
    const known = new Set<string>()
    for (const { kind, word } of this.allWords.all() as { kind: string; word: string }[]) {
      if (kind === 'street') {
        const name = parseStreetName(word)
        streets.push(name)
        for (const part of name.words) known.add(part)
      } else for (const part of word.split(/[\s-]+/)) if (part) known.add(part)
    }
    const neighbours = new Map<string, string[]>()
    const index = (key: string, word: string) => {
      const list = neighbours.get(key)
      if (list) list.push(word)
      else neighbours.set(key, [word])
    }
    const byLength = new Map<number, string[]>()
    for (const word of known) {
      if (word.length >= 6) {
        const sameLength = byLength.get(word.length)
        if (sameLength) sameLength.push(word)
        else byLength.set(word.length, [word])
      }
      if (word.length < MIN_CORRECTED_LENGTH) continue
      index(word, word)
      for (const shorter of deletions(word)) index(shorter, word)
    }
    this.byLength = byLength
    this.streets = streets
    this.known = known
    this.neighbours = neighbours
    this.loadedUpTo = latest
  }
}
