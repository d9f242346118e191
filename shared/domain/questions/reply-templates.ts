import { searchKey } from '../search/search-text'

/**
 * Reply templates (docs/business-rules.md#subscribers-questions): a supervisor writes them with placeholders
 * in double braces; the console fills them from the question and its account when a person inserts one, so
 * the person reads (and may correct) the real figures before sending.
 */
export const PLACEHOLDERS = [
  'ФИО',
  'имя_отчество',
  'лицевой_счёт',
  'номер_обращения',
  'период',
  'начислено',
  'оплачено',
  'задолженность',
] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]
export type PlaceholderValues = Partial<Record<Placeholder, string | null>>

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g

/** The placeholders a template uses that are not among those the console knows (a typo, say). */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(PLACEHOLDERS.map((p) => searchKey(p)))
  return [...body.matchAll(PLACEHOLDER)]
    .map((match) => match[1]!)
    .filter((name) => !known.has(searchKey(name)))
}

/**
 * The template with each placeholder replaced; one without a value (no account linked, no charges)
 * is left as «нет данных: …» for the person to fill in by hand rather than sent as braces.
 */
export function fillTemplate(body: string, values: PlaceholderValues): string {
  const byKey = new Map(Object.entries(values).map(([name, value]) => [searchKey(name), value]))
  return body.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = byKey.get(searchKey(name))
    return value ?? `«нет данных: ${name}»`
  })
}

/**
 * The templates offered after `::` and some letters (as Zammad's text modules): names starting with
 * the letters first, then names containing them, case and ё/е aside.
 */
export function matchTemplates<T extends { name: string }>(templates: readonly T[], typed: string): T[] {
  const wanted = searchKey(typed.trim())
  const starts: T[] = []
  const contains: T[] = []
  for (const template of templates) {
    const name = searchKey(template.name)
    if (name.startsWith(wanted)) starts.push(template)
    else if (name.includes(wanted)) contains.push(template)
  }
  return [...starts, ...contains]
}

/**
 * The `::letters` being typed just before the caret, if any: where it starts and what was typed.
 * A `::` inside a word (a time, "10::30") does not count.
 */
export function templateTrigger(text: string, caret: number): { start: number; typed: string } | null {
  const before = text.slice(0, caret)
  const match = /(^|\s)::([\p{L}\p{N}_-]{0,30})$/u.exec(before)
  if (!match) return null
  return { start: caret - match[2]!.length - 2, typed: match[2]! }
}
