/**
 * A meter value as a clerk types it: cubic metres with up to three decimals, comma or dot
 * (docs/business-rules.md#meter-readings). Parsed into exact thousandths, never through floating point, so
 * 123,456 is 123456.
 */
export type ReadingValueProblem = 'empty' | 'negative' | 'notANumber' | 'tooManyDecimals' | 'tooManyDigits'

export function parseReadingValue(
  text: string,
  digits: number,
): { milli: number } | { problem: ReadingValueProblem } {
  const compact = text.trim().replace(/\s+/g, '')
  if (!compact) return { problem: 'empty' }
  // A minus before digits is a negative reading, refused as such (a meter only counts up); never
  // "not passed" followed by the next field's digits.
  if (/^[-−–]\s*\d/.test(compact)) return { problem: 'negative' }
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact)
  if (!match) return { problem: 'notANumber' }
  const [, whole = '', fraction = ''] = match
  if (fraction.length > 3) return { problem: 'tooManyDecimals' }
  if (whole.replace(/^0+(?=\d)/, '').length > digits) return { problem: 'tooManyDigits' }
  return { milli: Number(whole) * 1000 + Number(fraction.padEnd(3, '0')) }
}

/** "123,456" in Russian, "123.456" in English: thousandths back into what a person reads. */
export function formatReadingValue(milli: number, decimalSeparator: ',' | '.' = ','): string {
  const whole = Math.floor(milli / 1000)
  const fraction = String(milli % 1000).padStart(3, '0')
  return `${whole}${decimalSeparator}${fraction}`
}
