const MOSCOW_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date in Moscow (docs/business-rules.md#who-uses-the-console: dates and deadlines are in Moscow time), 'YYYY-MM-DD'. */
export function moscowDate(instant: Date): string {
  return MOSCOW_DATE.format(instant)
}

/** The instant a Moscow calendar date begins, as ISO UTC text (Moscow is UTC+3 all year). */
export function moscowMidnight(date: string): string {
  return new Date(`${date}T00:00:00+03:00`).toISOString()
}
