import { withinOneEdit } from '@shared/domain/search/one-edit'
import type { StreetName } from '@shared/domain/search/street-name'
import { MIN_CORRECTED_LENGTH } from './search-vocabulary'

export interface StreetMatch {
  /** The streets the words name best (as stored), usually one. */
  streets: string[]
  /** True when a word matched only with a slip corrected: the hits are marked "похоже на". */
  corrected: boolean
}

const EXACT = 3
const PREFIX = 2
const SLIP = 1

/**
 * Which streets the words of an address name (docs/business-rules.md#finding-the-callers-account: the street
 * type before or after the name, abbreviated or not, "б." for "Большая"). Each word is the whole of a
 * street's word, its beginning, or one slip from it (5+ letters); the streets naming the most words, and
 * those best, win. A query type that agrees with the street's breaks a tie ("пр-т Победы" over "ул. Победы").
 */
export function matchStreet(words: string[], type: string | null, streets: StreetName[]): StreetMatch {
  let best: { score: number; streets: string[]; used: string[]; corrected: boolean } = {
    score: 0,
    streets: [],
    used: [],
    corrected: false,
  }
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
      score += at.score * 10
      corrected ||= at.score === SLIP
    }
    if (!used.length) continue
    // Every word of the street named counts, so "Морская" prefers "Морская" to "Большая Морская".
    score += free.length === 0 ? 5 : 0
    if (type && street.type === type) score += 1
    if (score > best.score) best = { score, streets: [street.street], used, corrected }
    else if (score === best.score) best.streets.push(street.street)
  }
  // One letter alone ("б") names half the streets of the city, not one.
  if (best.used.every((word) => word.length === 1)) return { streets: [], corrected: false }
  return { streets: best.streets, corrected: best.corrected }
}

function bestWord(word: string, streetWords: string[]): { word: string; score: number } | null {
  let found: { word: string; score: number } | null = null
  for (const candidate of streetWords) {
    const score =
      candidate === word
        ? EXACT
        : candidate.startsWith(word)
          ? PREFIX
          : word.length >= MIN_CORRECTED_LENGTH && withinOneEdit(candidate, word)
            ? SLIP
            : 0
    if (score && (!found || score > found.score)) found = { word: candidate, score }
  }
  return found
}
