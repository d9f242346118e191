import { addDays, format, parseISO } from 'date-fns'
import { moscowDate } from '../moscow-time'

/**
 * A closure needs a final reading of every active meter
 * (docs/business-rules.md#closure-and-re-registration-requests). A reading counts as final when it was received on the Moscow day the request was filed, in the week
 * before it, or any time since: subscribers usually send their readings through the website and then
 * file the request, and a reading from that week is taken as it is, not asked for again.
 *
 * Days, not hours: a paper form stamped on the seventh day before the filing counts whatever the hour
 * the request arrived. The console and the central service both decide with `metersWithoutFinalReading`
 * on the facts each loads (every active meter and the moment its latest reading was received).
 */
export const FINAL_READING_LEAD_DAYS = 7

/** The first Moscow day whose readings count as final for a request filed at `submittedAt`. */
export function finalReadingsFrom(submittedAt: string): string {
  const filedOn = parseISO(moscowDate(new Date(submittedAt)))
  return format(addDays(filedOn, -FINAL_READING_LEAD_DAYS), 'yyyy-MM-dd')
}

/** Whether a reading received at `receivedAt` is a final reading for a request filed at `submittedAt`. */
export function isFinalReading(receivedAt: string, submittedAt: string): boolean {
  return moscowDate(new Date(receivedAt)) >= finalReadingsFrom(submittedAt)
}

export interface MeterLastReading {
  serial: string
  /** When the meter's latest reading was received, or null when it has none. */
  lastReceivedAt: string | null
}

/** The serials of the active meters still without a final reading, in the order given. */
export function metersWithoutFinalReading(meters: MeterLastReading[], submittedAt: string): string[] {
  return meters
    .filter((meter) => meter.lastReceivedAt === null || !isFinalReading(meter.lastReceivedAt, submittedAt))
    .map((meter) => meter.serial)
}
