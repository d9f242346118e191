import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns'

/**
 * What a clerk types to complete a request (docs/business-rules.md#closure-and-re-registration-requests),
 * checked alike on the console, as it is typed, and by the central service.
 *
 * The date an account closes or passes to its new owner may lie a month back (the papers often come
 * after the sale) and up to three months ahead (a lease that ends later); anything further is a slip of
 * the keyboard, and the billing month it would reach is already closed or not yet open.
 */
export const DATE_BACK_DAYS = 31
export const DATE_AHEAD_DAYS = 92

export type DateProblem = 'notADate' | 'tooFarBack' | 'tooFarAhead'

export function completionDateProblem(date: string, today: string): DateProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parseISO(date).getTime())) return 'notADate'
  const days = differenceInCalendarDays(parseISO(date), parseISO(today))
  if (days < -DATE_BACK_DAYS) return 'tooFarBack'
  if (days > DATE_AHEAD_DAYS) return 'tooFarAhead'
  return null
}

/** The earliest and latest dates the rule allows, for the date field's bounds. */
export function completionDateBounds(today: string): { min: string; max: string } {
  // Calendar days in the local calendar: no time zone can shift a bound by one.
  const day = parseISO(today)
  const iso = (d: Date) => format(d, 'yyyy-MM-dd')
  return { min: iso(addDays(day, -DATE_BACK_DAYS)), max: iso(addDays(day, DATE_AHEAD_DAYS)) }
}

/**
 * A person's name part as registers write it: letters (Russian or Latin), with a hyphen, an apostrophe
 * or a space between parts ("Салтыков-Щедрин", "Д'Артаньян", "Оглы"); no digits, no leading or trailing
 * punctuation.
 */
const NAME_PART = /^[А-ЯЁа-яёA-Za-z]+(?:[-' ][А-ЯЁа-яёA-Za-z]+)*$/

export type NameProblem = 'required' | 'tooLong' | 'notAName'

export function namePartProblem(text: string, required: boolean): NameProblem | null {
  const value = text.trim()
  if (!value) return required ? 'required' : null
  if (value.length > 100) return 'tooLong'
  return NAME_PART.test(value) ? null : 'notAName'
}

/** "иванов-петров" → "Иванов-Петров": names stored as people expect to read them. */
export function capitaliseName(text: string): string {
  return text
    .trim()
    .toLocaleLowerCase('ru')
    .replace(
      /(^|[-' ])([а-яёa-z])/g,
      (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase('ru'),
    )
}

/** The first problem with a person's full name: surname and first name required, patronymic optional. */
export function personNameProblem(name: {
  surname: string
  firstName: string
  patronymic?: string | null
}): NameProblem | null {
  return (
    namePartProblem(name.surname, true) ??
    namePartProblem(name.firstName, true) ??
    namePartProblem(name.patronymic ?? '', false)
  )
}

/**
 * Whether a re-registration dated `on` passes the account to its new owner at once: the account changes
 * hands on its date, not when the clerk completes it, so until then it keeps its owner's name, contacts
 * and cabinet (docs/business-rules.md#closure-and-re-registration-requests).
 */
export const ownerChangesNow = (on: string, today: string): boolean => on <= today
