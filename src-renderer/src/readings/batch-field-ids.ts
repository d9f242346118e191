import type { Cursor } from './batch-keystrokes'

/**
 * The batch screen's field ids, in one place: the rows render them, the keyboard router moves the
 * focus by them, and a click is turned back into a cursor from them.
 */
export function fieldId(cursor: Cursor): string {
  return cursor.field === 'account'
    ? `form-${cursor.position}-account`
    : `form-${cursor.position}-${cursor.field === 'value' ? 'meter' : 'reason'}-${cursor.meterId}`
}

export function cursorOfFieldId(id: string): Cursor | null {
  const match = /^form-(\d+)-(account|meter|reason)(?:-(\d+))?$/.exec(id)
  if (!match) return null
  const position = Number(match[1])
  return match[2] === 'account'
    ? { position, field: 'account' }
    : { position, field: match[2] === 'meter' ? 'value' : 'reason', meterId: Number(match[3]) }
}
