import { parseStreetName } from '../shared/domain/search/street-name'
import type { SeededRandom } from '../src-main/seed/random'

/** The ways callers say things, shared by the evaluation set's kinds. */

const LETTERS = 'абвгдежзийклмнопрстуфхцчшщыьэюя'

/** An account as the evaluation set draws it. */
export interface Sample {
  id: number
  number: string
  eirc_number: string
  surname: string
  first_name: string
  patronymic: string | null
  street: string
  house: string
  building: string | null
  apartment: string | null
  phone: string | null
  email: string | null
}

/** The street as a caller says it: the type in any spelling, before or after, or left out; "б." for Большая. */
export function spokenStreet(street: string, random: SeededRandom): string {
  const { type, words } = parseStreetName(street)
  const named = words.map((word) => (word === 'большая' && random.chance(0.5) ? 'б.' : word))
  const name = random.chance(0.3) && named.length > 1 ? named[named.length - 1]! : named.join(' ')
  const spellings: Record<string, string[]> = {
    улица: ['ул.', 'улица', 'ул'],
    проспект: ['пр-т', 'пр-кт', 'проспект', 'просп.'],
    набережная: ['наб.', 'набережная'],
  }
  const spelled = type ? random.pick(spellings[type] ?? [type]) : null
  if (!spelled || random.chance(0.35)) return name
  return random.chance(0.5) ? `${spelled} ${name}` : `${name} ${spelled}`
}

/** One typing slip: a letter missed, doubled or added, replaced, or two neighbours swapped. */
export function oneSlip(word: string, random: SeededRandom): string {
  for (;;) {
    const i = random.int(0, word.length - 2)
    const letter = random.pick([...LETTERS])
    const slipped = random.pick([
      word.slice(0, i) + word.slice(i + 1),
      word.slice(0, i) + letter + word.slice(i),
      word.slice(0, i) + letter + word.slice(i + 1),
      word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2),
    ])
    if (slipped !== word) return slipped
  }
}

/** Up to two slips in a row: the second may undo the first, as it may when a person types. */
export function twoSlips(word: string, random: SeededRandom): string {
  return oneSlip(oneSlip(word, random), random)
}
