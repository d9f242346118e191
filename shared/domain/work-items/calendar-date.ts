/** A Moscow calendar date, 'YYYY-MM-DD': no time, no zone. Work items' clocks count these. */
export type CalendarDate = string

// Days are counted as whole days since 1970-01-01 (a Thursday): the queue and the reports walk
// thousands of requests' calendars, and date objects per day made that take most of a second.
const DAY_MS = 86_400_000

/** The date as a whole number of days since 1970-01-01. */
export const dayNumber = (date: CalendarDate) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS

/** The date of a day number. */
export const dateOf = (day: number): CalendarDate => new Date(day * DAY_MS).toISOString().slice(0, 10)
