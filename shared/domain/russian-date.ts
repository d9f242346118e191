/**
 * A date typed as Russian forms write it, дд.мм.гггг (docs/business-rules.md#dates-typed-by-hand).
 * Only a whole, real date inside the field's bounds is a value: anything else is a named problem, so a
 * field never keeps showing one date while its form goes on with another.
 */
export type RussianDateProblem = 'incomplete' | 'noSuchDate' | 'beforeMin' | 'afterMax'

export type RussianDateReading = { iso: string } | { problem: RussianDateProblem } | { empty: true }

export function readRussianDate(
  text: string,
  bounds: { min?: string; max?: string } = {},
): RussianDateReading {
  const compact = text.trim()
  if (!compact) return { empty: true }
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(compact)
  if (!match) return { problem: 'incomplete' }
  const [, day, month, year] = match as unknown as [string, string, string, string]
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  const real =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  if (!real || Number(year) < 1900) return { problem: 'noSuchDate' }
  const iso = `${year}-${month}-${day}`
  if (bounds.min && iso < bounds.min) return { problem: 'beforeMin' }
  if (bounds.max && iso > bounds.max) return { problem: 'afterMax' }
  return { iso }
}

/**
 * What the field shows as the clerk types: the dots come by themselves, so "01122026" reads
 * "01.12.2026", and nothing past the tenth character is kept.
 */
export function typedRussianDate(raw: string): string {
  const digits = raw.replace(/\D/g, '').slice(0, 8)
  // Typed with its dots (or pasted whole): kept as typed, only cut to length.
  if (/^\d{1,2}(\.\d{0,2}(\.\d{0,4})?)?$/.test(raw)) return raw
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 8)].filter(Boolean)
  return parts.join('.')
}
