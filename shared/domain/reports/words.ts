/**
 * The words exports and reports use for the console's codes. Files leave the console in Russian
 * whatever language the screen shows (they go to billing and to Russian Excel), so these live beside
 * the rules rather than in the interface's message files.
 */
export const SOURCE_WORDS: Record<string, string> = {
  paper: 'бумажный бланк',
  phone: 'по телефону',
  web: 'личный кабинет',
  inspector: 'контролёр',
  office: 'в офисе',
}

export const FINDING_WORDS: Record<string, string> = {
  lowerThanPrevious: 'меньше предыдущего',
  rollOver: 'переход через ноль',
  spike: 'расход намного выше обычного',
  zeroStreak: 'нулевой расход третий период',
  verificationOverdue: 'просрочена поверка',
  duplicateForPeriod: 'повторное за период',
}

/** The middle and the 90th percentile of a list of numbers (nearest rank), or null for none. */
export function percentile(values: number[], q: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}
