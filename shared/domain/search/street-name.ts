import { searchKey } from './search-text'

/**
 * Every way a street type is written, spelled out or abbreviated, with or without the dot or hyphen
 * (docs/business-rules.md#finding-the-callers-account: "ул.", "пр-т", "пр-кт", "проспект"…), mapped to one
 * canonical type.
 */
const STREET_TYPES: Record<string, string[]> = {
  улица: ['ул', 'улица', 'у'],
  проспект: ['пр', 'пр-т', 'прт', 'пр-кт', 'пркт', 'просп', 'проспект', 'п-т', 'пр-том'],
  переулок: ['пер', 'переулок', 'п-к'],
  набережная: ['наб', 'набережная', 'н-я'],
  шоссе: ['ш', 'шоссе'],
  площадь: ['пл', 'площадь', 'пл-дь'],
  бульвар: ['б-р', 'бр', 'бул', 'бульв', 'бульвар'],
  тупик: ['туп', 'тупик'],
  проезд: ['пр-д', 'прд', 'проезд'],
  спуск: ['сп', 'спуск'],
  микрорайон: ['мкр', 'мкрн', 'микрорайон'],
  балка: ['балка'],
}

const TYPE_OF = new Map<string, string>()
for (const [type, spellings] of Object.entries(STREET_TYPES))
  for (const spelling of spellings) TYPE_OF.set(spelling, type)

/** The canonical type a token names ("пр-кт" → "проспект"), or null when it names none. */
export function streetTypeOf(token: string): string | null {
  return TYPE_OF.get(token.replace(/\.$/, '')) ?? null
}

/** The words that tell streets apart, lower case: "пр-т Генерала Острякова" → генерала, острякова. */
export interface StreetName {
  street: string
  type: string | null
  words: string[]
}

export function parseStreetName(street: string): StreetName {
  let type: string | null = null
  const words: string[] = []
  for (const token of searchKey(street)
    .split(/[\s,.]+/)
    .filter(Boolean)) {
    const asType = streetTypeOf(token)
    if (asType && !type) type = asType
    else words.push(...token.split('-').filter(Boolean))
  }
  return { street, type, words }
}
