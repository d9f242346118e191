/**
 * The same keys on the two layouts of a Russian keyboard (ЙЦУКЕН and QWERTY): a caller's surname
 * typed with the layout switched the wrong way ("bdfyjdf" is "иванова"), and back for an email
 * typed in the Russian layout. Shifted punctuation follows the keys too: `"` ↔ `@`, `ю` ↔ `.`.
 */
const LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`" + 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?~@'
const CYRILLIC = 'йцукенгшщзхъфывапролджэячсмитьбю.ё' + 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё"'

const toCyrillic = new Map<string, string>()
const toLatin = new Map<string, string>()
for (let i = 0; i < LATIN.length; i++) {
  toCyrillic.set(LATIN[i]!, CYRILLIC[i]!)
  toLatin.set(CYRILLIC[i]!, LATIN[i]!)
}

/** What the keys would have typed in the Russian layout; characters on no such key stay. */
export function latinKeysAsCyrillic(text: string): string {
  return [...text].map((char) => toCyrillic.get(char) ?? char).join('')
}

/** What the keys would have typed in the Latin layout. */
export function cyrillicKeysAsLatin(text: string): string {
  return [...text].map((char) => toLatin.get(char) ?? char).join('')
}

export const hasLatinLetters = (text: string) => /[a-z]/i.test(text)
export const hasCyrillicLetters = (text: string) => /[а-яё]/i.test(text)
