import { slipsAllowed, withinSlips } from '@shared/domain/search/one-edit'
import type { StreetName } from '@shared/domain/search/street-name'
import { MIN_CORRECTED_LENGTH } from './search-vocabulary'

export interface StreetMatch {
  /** The streets the words name best (as stored), usually one. */
  streets: string[]
  /** True when a word matched only with a slip corrected: the hits are marked "похоже на". */
  corrected: boolean
  /**
   * Every street some word names, best first, with the words it took: the words it leaves may name
   * the person ("Лазарева Ленина 58"; "Шевченко Хрюкина 29 5" is Шевченко of ул. Генерала Хрюкина).
   */
  candidates: { street: string; used: string[] }[]
  /** The words the best street took; any other word said was not explained by the address. */
  used: string[]
}

/** How many of the streets the words name are tried with the rest of the words as a surname. */
const CANDIDATES = 4

const EXACT = 3
const PREFIX = 2
const SLIP = 1

/**
 * Which streets the words of an address name (docs/business-rules.md#finding-the-callers-account: the street
 * type before or after the name, abbreviated or not, "б." for "Большая"). Each word is the whole of a
 * street's word, its beginning, or a slip or two from it (`slipsAllowed`); the streets naming the most words, and
 * those best, win. A query type that agrees with the street's breaks a tie ("пр-т Победы" over "ул. Победы").
 */
export function matchStreet(words: string[], type: string | null, streets: StreetName[]): StreetMatch {
  let best: { score: number; streets: string[]; used: string[]; corrected: boolean } = {
    score: 0,
    streets: [],
    used: [],
    corrected: false,
  }
  const named: { street: string; used: string[]; score: number }[] = []
  for (const street of streets) {
    const used: string[] = []
    let score = 0
    let corrected = false
    const free = [...street.words]
    for (const word of words) {
      const at = bestWord(word, free)
      if (!at) continue
      free.splice(free.indexOf(at.word), 1)
      used.push(word)
      // A letter ("б" for Большая) only tells apart streets a word has named: initials said beside
      // the address ("Зайцева О. А.") must not outweigh the street's name.
      score += word.length > 1 ? at.score * 10 : at.score
      corrected ||= at.score === SLIP
    }
    if (!used.length) continue
    // Every word of the street named counts, so "Морская" prefers "Морская" to "Большая Морская".
    score += free.length === 0 ? 5 : 0
    if (type && street.type === type) score += 1
    if (used.some((word) => word.length > 1)) named.push({ street: street.street, used, score })
    if (score > best.score) best = { score, streets: [street.street], used, corrected }
    else if (score === best.score) best.streets.push(street.street)
  }
  // One letter alone ("б") names half the streets of the city, not one.
  if (best.used.every((word) => word.length === 1))
    return { streets: [], corrected: false, candidates: [], used: [] }
  const candidates = named
    .sort((a, b) => b.score - a.score)
    .slice(0, CANDIDATES)
    .map(({ street, used }) => ({ street, used }))
  return { streets: best.streets, corrected: best.corrected, candidates, used: best.used }
}

function bestWord(word: string, streetWords: string[]): { word: string; score: number } | null {
  let found: { word: string; score: number } | null = null
  for (const candidate of streetWords) {
    const score =
      candidate === word
        ? EXACT
        : candidate.startsWith(word)
          ? PREFIX
          : word.length >= MIN_CORRECTED_LENGTH &&
              withinSlips(word, candidate, slipsAllowed(candidate.length))
            ? SLIP
            : 0
    if (score && (!found || score > found.score)) found = { word: candidate, score }
  }
  return found
}
