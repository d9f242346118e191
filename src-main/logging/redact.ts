/**
 * What may never reach a log file (152-FZ; docs/delivery.md): subscribers' emails and phone
 * numbers, and any Russian text — names, addresses, what a subscriber wrote. The log's own lines are
 * in English, so what is left still says what happened.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu
const PHONE = /\+?\d[\d\s()-]{8,}\d/g
const RUSSIAN = /[А-Яа-яЁё][А-Яа-яЁё\d-]*/g

export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]').replace(RUSSIAN, '[ru]')
}
