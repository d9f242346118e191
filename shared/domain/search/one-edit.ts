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
