import { z } from 'zod'
import { channel } from '../channel'

const FINDING_CODES = [
  'accountClosed',
  'meterRemoved',
  'lowerThanPrevious',
  'rollOver',
  'spike',
  'zeroStreak',
  'verificationOverdue',
  'duplicateForPeriod',
] as const

const moscowDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)

export const readingFormContextSchema = z.object({
  account: z.object({
    id: z.number().int(),
    number: z.string(),
    owner: z.string(),
    address: z.string(),
    status: z.enum(['active', 'closed']),
    houseType: z.enum(['mkd', 'private']),
  }),
  period: z.string(),
  late: z.boolean(),
  meters: z.array(
    z.object({
      id: z.number().int(),
      serial: z.string(),
      place: z.string(),
      digits: z.number().int(),
      status: z.enum(['active', 'removed']),
      verificationDue: z.string(),
      previousMilli: z.number().int().nullable(),
      previousPeriod: z.string().nullable(),
      /** Newest first, for the spike and zero-streak checks the renderer runs as the clerk types. */
      recentConsumptionMilli: z.array(z.number().int()),
      existingForPeriodMilli: z.number().int().nullable(),
    }),
  ),
})
export type ReadingFormContext = z.infer<typeof readingFormContextSchema>

export const readingsChannels = {
  /** What the entry screen shows once an account number is typed: owner, address, meters. */
  'readings.formContext': channel({
    input: z.object({ accountNumber: z.string().trim().min(1).max(20), receivedOn: moscowDay }),
    output: readingFormContextSchema,
    access: ['operator', 'clerk', 'supervisor'],
  }),
  /** One form: the values of an account's meters, received on one day, checked and saved together. */
  'readings.record': channel({
    input: z.object({
      accountNumber: z.string().trim().min(1).max(20),
      /** The paper form's stamp; for phone readings the main process uses today in Moscow. */
      receivedOn: moscowDay,
      source: z.enum(['paper', 'phone']),
      values: z
        .array(
          z.object({
            meterId: z.number().int().positive(),
            value: z.string().max(20),
            /** Warnings the clerk confirmed with the confirmation key. */
            confirmed: z.array(z.enum(FINDING_CODES)).default([]),
            replaceReason: z.string().trim().max(500).optional(),
          }),
        )
        .min(1)
        .max(10),
    }),
    output: z.object({
      period: z.string(),
      late: z.boolean(),
      saved: z.array(
        z.object({
          meterId: z.number().int(),
          valueMilli: z.number().int(),
          consumptionMilli: z.number().int().nullable(),
          flags: z.array(z.enum(FINDING_CODES)),
        }),
      ),
    }),
    access: ['operator', 'clerk', 'supervisor'],
  }),
}
