/**
 * Does the surname a subscriber typed on the website name the account's owner
 * (docs/business-rules.md#web-registrations)? Case, ё/е and the way a double surname is joined (hyphen, dash,
 * space) do not count as differences. A Latin letter that looks like a Cyrillic one ("о", "с", "р"…) is never
 * silently matched: it is how a wrong keyboard layout, or someone imitating a name, shows up, so the clerk
 * sees it flagged with the letters marked.
 */
export type SurnameMatch =
  | { kind: 'match' }
  /** Typed with Latin look-alike letters; `positions` index the typed text. */
  | { kind: 'latinLookalike'; positions: number[] }
  /** One part of the owner's double surname, or the owner's surname is one part of the typed one. */
  | { kind: 'partOfDouble' }
  | { kind: 'mismatch' }

/** Latin letters that are drawn like Cyrillic ones in common fonts. */
const LATIN_LOOKALIKES = new Set('AaBCcEeHKMOoPpTXxYyk'.split(''))
const JOINERS = /[\s\-‐‑‒–—―]+/g

/**
 * The comparable form of a surname: composed (a "й" typed as "и" and a combining breve, as some phones
 * and Macs send it, is the same letter), lower case, ё as е, no joiners between parts.
 */
export function normaliseSurname(surname: string): string {
  return surname.normalize('NFC').trim().toLowerCase().replace(/ё/g, 'е').replace(JOINERS, '')
}

function parts(surname: string): string[] {
  return surname
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(JOINERS)
    .filter((part) => part.length > 0)
}

export function latinLookalikePositions(typed: string): number[] {
  const hasCyrillic = /[а-яё]/i.test(typed)
  if (!hasCyrillic) return []
  const positions: number[] = []
  for (let i = 0; i < typed.length; i++) if (LATIN_LOOKALIKES.has(typed[i]!)) positions.push(i)
  return positions
}

export function matchSurname(typed: string, owner: string): SurnameMatch {
  const lookalikes = latinLookalikePositions(typed)
  if (lookalikes.length) return { kind: 'latinLookalike', positions: lookalikes }
  if (normaliseSurname(typed) === normaliseSurname(owner)) return { kind: 'match' }
  const typedParts = parts(typed)
  const ownerParts = parts(owner)
  const shorter = typedParts.length < ownerParts.length ? typedParts : ownerParts
  const longer = shorter === typedParts ? ownerParts : typedParts
  if (shorter.length > 0 && longer.length > 1 && shorter.every((part) => longer.includes(part)))
    return { kind: 'partOfDouble' }
  return { kind: 'mismatch' }
}
