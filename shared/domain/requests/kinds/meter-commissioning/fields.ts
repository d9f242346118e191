import { addYears, format, parseISO } from 'date-fns'
import { z } from 'zod'
import { parseReadingValue } from '../../../reading-value'

/**
 * What a subscriber (or the clerk at the counter) gives for a meter put into service
 * (docs/business-rules.md#a-new-meter-put-into-service): the meter replaced or verified, the new one's
 * serial, model and place, its verification and the next one, the seal, and the reading it starts from.
 * The website writes the same object into `portal_requests.details` (docs/portal-contract.md), and the
 * central database checks it with the same limits.
 */
export const MAX_VERIFICATION_YEARS = 16

/** A date as `YYYY-MM-DD` that exists in the calendar (no 30 February). */
const isRealDate = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) &&
  !Number.isNaN(parseISO(text).getTime()) &&
  format(parseISO(text), 'yyyy-MM-dd') === text
const isoDate = z.string().trim().refine(isRealDate)
const text = (max: number) => z.string().trim().min(1).max(max)

export const meterCommissioningFields = z
  .object({
    /** A new meter in place of the old one, or the same meter back from its verification. */
    reason: z.enum(['replacement', 'verification']),
    replacedSerial: text(40),
    newSerial: text(40),
    model: text(60),
    place: text(60),
    /** Whole digits on the dial: where it rolls over. */
    digits: z.number().int().min(4).max(8).default(5),
    verifiedOn: isoDate,
    nextVerificationOn: isoDate,
    sealNumber: text(40),
    /** As typed on the installer's act: cubic metres, comma or dot, up to three decimals. */
    initialReading: text(20),
  })
  .superRefine((fields, context) => {
    const problem = (path: string) => context.addIssue({ code: 'custom', path: [path] })
    // Zod runs this whatever the fields' own checks said: compare only what each let through.
    if ('problem' in parseReadingValue(String(fields.initialReading), Number(fields.digits)))
      problem('initialReading')
    if (!isRealDate(String(fields.verifiedOn)) || !isRealDate(String(fields.nextVerificationOn))) return
    if (fields.nextVerificationOn <= fields.verifiedOn) problem('nextVerificationOn')
    else if (
      fields.nextVerificationOn >
      format(addYears(parseISO(fields.verifiedOn), MAX_VERIFICATION_YEARS), 'yyyy-MM-dd')
    )
      problem('nextVerificationOn')
  })

export type MeterCommissioningFields = z.infer<typeof meterCommissioningFields>
