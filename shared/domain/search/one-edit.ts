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
 * The optimal-string-alignment distance, a row at a time, given up as soon as every cell of a row is
 * past `max`: most of a vocabulary is rejected within two or three letters.
 */
export function withinSlips(typed: string, known: string, max: number): boolean {
  if (Math.abs(typed.length - known.length) > max) return false
  if (max <= 1) return withinOneEdit(typed, known)
  let before = new Array<number>(known.length + 1).fill(0)
  let previous = Array.from({ length: known.length + 1 }, (_, j) => j)
  for (let i = 1; i <= typed.length; i++) {
    const row = new Array<number>(known.length + 1)
    row[0] = i
    let rowBest = i
    for (let j = 1; j <= known.length; j++) {
      const same = typed[i - 1] === known[j - 1] ? 0 : 1
      let cost = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + same)
      if (i > 1 && j > 1 && typed[i - 1] === known[j - 2] && typed[i - 2] === known[j - 1])
        cost = Math.min(cost, before[j - 2]! + 1)
      row[j] = cost
      if (cost < rowBest) rowBest = cost
    }
    if (rowBest > max) return false
    before = previous
    previous = row
  }
  return previous[known.length]! <= max
}
