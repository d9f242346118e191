const MOSCOW_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date in Moscow (DOMAIN.md: dates and deadlines are in Moscow time), 'YYYY-MM-DD'. */
export function moscowDate(instant: Date): string {
  return MOSCOW_DATE.format(instant)
}
