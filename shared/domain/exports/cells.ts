import { ruDate, ruPeriod } from '../russian-text'

/**
 * How each kind of value leaves the console in an export
 * (docs/business-rules.md#reports-exports-and-the-audit-trail: files open in Russian Excel as they are).
 * `decimal3` is thousandths (cubic metres from litres), `money` kopecks, `decimal1` a plain number shown with
 * one decimal (a share in per cent, hours).
 */
export type ColumnType =
  'text' | 'integer' | 'decimal1' | 'decimal3' | 'money' | 'date' | 'dateTime' | 'period'

export interface ExportColumn {
  key: string
  header: string
  type: ColumnType
  /** Characters; the XLSX column width and the PDF column's share of the page. */
  width: number
}

/** A table of an export: a title (the sheet's name in XLSX) and its columns. */
export interface ExportSection {
  title: string
  columns: ExportColumn[]
}

const MOSCOW = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/** 'YYYY-MM' as the billing system and Russian Excel read a period: 'MM.YYYY'. */
export const periodCell = (period: string) => `${period.slice(5, 7)}.${period.slice(0, 4)}`

/** A cell's text as a person reads it (CSV, PDF): dates dd.mm.yyyy, decimal comma, Moscow time. */
export function cellText(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined || value === '') return ''
  switch (type) {
    case 'integer':
      return String(value)
    case 'decimal1':
      // A count in a column of shares reads as a count: "12", not "12,0".
      return Number.isInteger(Number(value)) ? String(value) : Number(value).toFixed(1).replace('.', ',')
    case 'decimal3':
      return (Number(value) / 1000).toFixed(3).replace('.', ',')
    case 'money':
      return (Number(value) / 100).toFixed(2).replace('.', ',')
    case 'date':
      return ruDate(String(value))
    case 'dateTime':
      return MOSCOW.format(new Date(String(value))).replace(',', '')
    case 'period':
      return periodCell(String(value))
    default:
      return String(value)
  }
}

const grouped = (digits: number) =>
  new Intl.NumberFormat('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/**
 * A cell as a person reads it on a page or a screen (the PDF, the reports screen): numbers in groups of
 * three ("19 703", "1 234,56") and a period by its month ("декабрь 2026"), which a reader needs and a
 * spreadsheet reading a CSV does not; everything else as `cellText`.
 */
export function printedText(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined || value === '') return ''
  const n = Number(value)
  switch (type) {
    case 'integer':
      return grouped(0).format(n)
    case 'decimal1':
      return grouped(Number.isInteger(n) ? 0 : 1).format(n)
    case 'decimal3':
      return grouped(3).format(n / 1000)
    case 'money':
      return grouped(2).format(n / 100)
    case 'period':
      return ruPeriod(String(value))
    default:
      return cellText(value, type)
  }
}

/**
 * A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets an apostrophe in front: a subscriber's "=HYPERLINK(…)" stays text (OWASP,
 * CSV injection). Numbers and dates are written by the console itself and never need it.
 */
export function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/**
 * A code made of digits that Excel would turn into a number and mangle (an EIRC number of 12 digits
 * shown as 9,20105E+11, a leading zero dropped) is written as a text formula, `="920100000001"`: the one
 * form Russian Excel opens as the digits themselves. Shorter codes (the 8-digit account number) are safe.
 */
const MANGLED_BY_EXCEL = /^(\d{12,}|0\d+)$/

/** One CSV field for Russian Excel: `;` between fields, quotes doubled, formulas neutralised. */
export function csvField(value: unknown, type: ColumnType): string {
  const text = cellText(value, type)
  if (type === 'text' && MANGLED_BY_EXCEL.test(text)) return `="${text}"`
  const safe = type === 'text' ? neutralised(text) : text
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
