import type { Role } from '../../contract/roles'
import { assignPeriodForMoscowDate, type IsClosed } from '../billing-period'

/** How a reading reached staff: the sources a person may record (web readings come by their own path). */
export const RECORDED_SOURCES = ['paper', 'phone'] as const
export type RecordedSource = (typeof RECORDED_SOURCES)[number]

export type ReceiptRefusal =
  | { code: 'PAPER_ONLY_CLERKS' }
  | { code: 'RECEIVED_IN_FUTURE'; date: string }
  | { code: 'INVALID_INPUT'; fields: string }

export interface Receipt {
  receivedOn: string
  /** When the reading counts as received: noon, Moscow time, of that day. */
  receivedAt: string
  period: string
  late: boolean
}

/**
 * When a recorded reading counts as received, and so its period (docs/business-rules.md#meter-readings),
 * decided once for the console and the central service: a phone reading is received the day it is
 * taken; a paper form on its stamp, which only clerks and supervisors give and which cannot be later
 * than the day it is typed; the period follows the billing rule, the next open one (late) when
 * closed. `today` is the author's Moscow day when they made it. Neither side takes a period, a late
 * mark or a time from anywhere else.
 */
export function decideReceipt(
  input: { source: string; receivedOn: string },
  author: { role: Role },
  today: string,
  isClosed: IsClosed,
): { refusal: ReceiptRefusal } | Receipt {
  if (!(RECORDED_SOURCES as readonly string[]).includes(input.source))
    return { refusal: { code: 'INVALID_INPUT', fields: 'source' } }
  if (input.source === 'paper' && author.role === 'operator')
    return { refusal: { code: 'PAPER_ONLY_CLERKS' } }
  const receivedOn = input.source === 'phone' ? today : input.receivedOn
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || Number.isNaN(Date.parse(receivedOn)))
    return { refusal: { code: 'INVALID_INPUT', fields: 'receivedOn' } }
  if (receivedOn > today) return { refusal: { code: 'RECEIVED_IN_FUTURE', date: receivedOn } }
  return {
    receivedOn,
    receivedAt: `${receivedOn}T12:00:00+03:00`,
    ...assignPeriodForMoscowDate(receivedOn, isClosed),
  }
}
