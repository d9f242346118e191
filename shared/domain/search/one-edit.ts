/**
 * Is `a` at most one typing slip from `b`: one letter missed, added, replaced, or two neighbours swapped
 * (docs/business-rules.md#finding-the-callers-account: callers' surnames are misheard and misspelt)? Linear,
 * no matrix: this runs against every candidate a deletion neighbourhood proposes.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (long.length - short.length > 1) return false
  let i = 0
  while (i < short.length && short[i] === long[i]) i++
  if (short.length === long.length) {
    // One replaced letter, or two neighbours swapped.
    if (short.slice(i + 1) === long.slice(i + 1)) return true
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2)
  }
  return short.slice(i) === long.slice(i + 1)
}

/** The word with each single letter left out: two words one slip apart share one of these (or each other). */
export function deletions(word: string): string[] {
  const out: string[] = []
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1))
  return out
}

/**
 * How many slips a known word of this length may carry and still be recognised: none below 4 letters,
 * one in 4–5, two from 6 (docs/business-rules.md#finding-the-callers-account). Shorter words have too many
 * neighbours for a guess to be worth showing.
 */
export function slipsAllowed(knownLength: number): number {
  return knownLength >= 6 ? 2 : knownLength >= 4 ? 1 : 0
}

/**
 * Is `typed` at most `max` slips from `known` (letters missed, added, replaced, neighbours swapped)?
 * The Damerau–Levenshtein distance, in which slips may touch one another ("мельникова" typed
 * "мельноива": a letter missed, then the two it left side by side swapped), as two slips made one after
 * the other do. A letter-count check first rejects most of a vocabulary without the table.
 */
export function withinSlips(typed: string, known: string, max: number): boolean {
  if (Math.abs(typed.length - known.length) > max) return false
  if (max <= 1) return withinOneEdit(typed, known)
  if (lettersApart(typed, known) > max) return false
  return damerauLevenshtein(typed, known) <= max
}

/** How many letters one word has that the other lacks, the larger side: no edit fixes two of them. */
function lettersApart(a: string, b: string): number {
  const counts = new Map<string, number>()
  for (const letter of a) counts.set(letter, (counts.get(letter) ?? 0) + 1)
  for (const letter of b) counts.set(letter, (counts.get(letter) ?? 0) - 1)
  let extraInA = 0
  let extraInB = 0
  for (const count of counts.values()) {
    if (count > 0) extraInA += count
    else extraInB -= count
  }
  return Math.max(extraInA, extraInB)
}

/** The unrestricted Damerau–Levenshtein distance (Lowrance–Wagner), for words of a few letters. */
function damerauLevenshtein(a: string, b: string): number {
  const infinity = a.length + b.length
  const width = b.length + 2
  const d = new Array<number>((a.length + 2) * width).fill(0)
  const at = (i: number, j: number) => i * width + j
  d[at(0, 0)] = infinity
  for (let i = 0; i <= a.length; i++) {
    d[at(i + 1, 0)] = infinity
    d[at(i + 1, 1)] = i
  }
  for (let j = 0; j <= b.length; j++) {
    d[at(0, j + 1)] = infinity
    d[at(1, j + 1)] = j
  }
  const lastRow = new Map<string, number>()
  for (let i = 1; i <= a.length; i++) {
    let lastColumn = 0
    for (let j = 1; j <= b.length; j++) {
      const k = lastRow.get(b[j - 1]!) ?? 0
      const l = lastColumn
      const same = a[i - 1] === b[j - 1]
      if (same) lastColumn = j
      d[at(i + 1, j + 1)] = Math.min(
        d[at(i, j)]! + (same ? 0 : 1),
        d[at(i + 1, j)]! + 1,
        d[at(i, j + 1)]! + 1,
        d[at(k, l)]! + (i - k - 1) + 1 + (j - l - 1),
      )
    }
    lastRow.set(a[i - 1]!, i)
  }
  return d[at(a.length + 1, b.length + 1)]!
}

/**
 * The letters two words share in order (their longest common subsequence). Among words as many slips
 * away, the one sharing more letters is the likelier: a letter missed or doubled is a commoner slip
 * than a letter replaced ("сорокихан" is Сорокина before Сорокин, "игшина" Гришина before Ильина).
 */
export function sharedLetters(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0)
    for (let j = 1; j <= b.length; j++)
      row[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!)
    previous = row
  }
  return previous[b.length]!
}
