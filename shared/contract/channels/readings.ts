import { z } from 'zod'
import { channel } from '../channel'
import { optionalNote } from '../text'

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
          /** The reading this one replaced for the period (with a reason), if any. */
          replacedMilli: z.number().int().nullable(),
        }),
      ),
    }),
    access: ['operator', 'clerk', 'supervisor'],
  }),
}

/**
 * The longest text each field of a paper form takes: the screen stops a key past it, as the main
 * process refuses a form longer, so nothing typed is ever refused whole at a draft save or a finish.
 */
export const BATCH_FIELD_MAX = { account: 20, value: 20, reason: 500 } as const

const typedValueSchema = z.object({
  meterId: z.number().int().positive(),
  value: z.string().max(BATCH_FIELD_MAX.value),
  confirmed: z.array(z.enum(FINDING_CODES)).default([]),
  replaceReason: z.string().trim().max(BATCH_FIELD_MAX.reason).optional(),
  /** Left blank on the paper form: "not passed", never a zero; the form's other meters are saved. */
  noValue: z.boolean().optional(),
})

export const BATCH_FORM_STATES = ['draft', 'saved', 'unresolved', 'setAside', 'discarded'] as const

export const batchFormSchema = z.object({
  position: z.number().int().min(0).max(10_000),
  accountNumber: z.string().trim().max(BATCH_FIELD_MAX.account),
  values: z.array(typedValueSchema).max(10),
  state: z.enum(BATCH_FORM_STATES),
  /** Why an unresolved form could not be saved, as a contract error. */
  problem: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() }).nullable(),
})
export type BatchForm = z.infer<typeof batchFormSchema>

export const readingBatchSchema = z.object({
  id: z.number().int(),
  receivedOn: z.string(),
  /** The period the batch's readings go to, and whether that is late (their own period closed). */
  period: z.string(),
  late: z.boolean(),
  createdAt: z.string(),
  forms: z.array(batchFormSchema),
})
export type ReadingBatch = z.infer<typeof readingBatchSchema>

export const openBatchListingSchema = z.object({
  id: z.number().int(),
  receivedOn: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  forms: z.number().int(),
})
export type OpenBatchListing = z.infer<typeof openBatchListingSchema>

/** A form kept unresolved or set aside when its batch was finished: still to be dealt with. */
export const unresolvedFormSchema = z.object({
  batchId: z.number().int(),
  position: z.number().int(),
  receivedOn: z.string(),
  /** Whose batch it was, by name, and when it was finished. */
  owner: z.string(),
  finishedAt: z.string(),
  accountNumber: z.string(),
  values: z.array(typedValueSchema),
  state: z.enum(['unresolved', 'setAside']),
  problem: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() }).nullable(),
})
export type UnresolvedForm = z.infer<typeof unresolvedFormSchema>

export const batchSummarySchema = z.object({
  forms: z.number().int(),
  saved: z.number().int(),
  readingsAccepted: z.number().int(),
  /** Meters marked "not passed" on saved forms. */
  notPassed: z.number().int(),
  warningsConfirmed: z.number().int(),
  unresolved: z.number().int(),
  setAside: z.number().int(),
  discarded: z.number().int(),
  finishedAt: z.string(),
  finishedBy: z.string(),
})
export type BatchSummary = z.infer<typeof batchSummarySchema>

const batchFormInput = z.object({
  batchId: z.number().int().positive(),
  position: z.number().int().min(0).max(10_000),
  accountNumber: z.string().trim().max(BATCH_FIELD_MAX.account),
  values: z.array(typedValueSchema).max(10),
})

const clerks = ['clerk', 'supervisor'] as const

export const readingBatchChannels = {
  /** Opens a batch for a stack of forms stamped on one day; a clerk's open batch is reopened. */
  'readings.openBatch': channel({
    input: z.object({ receivedOn: moscowDay }),
    output: readingBatchSchema,
    access: clerks,
  }),
  /** Where readings stamped on a day go: the period, and whether that is late (their own one closed). */
  'readings.stampPeriod': channel({
    input: z.object({ receivedOn: moscowDay }),
    output: z.object({ period: z.string(), late: z.boolean() }),
    access: clerks,
  }),
  'readings.currentBatch': channel({
    input: z.object({}),
    output: readingBatchSchema.nullable(),
    access: clerks,
  }),
  /** Saves a form exactly as typed so far; called as the clerk types. */
  'readings.saveDraft': channel({ input: batchFormInput, output: z.object({}), access: clerks }),
  /** Checks and saves a finished form; an unknown or closed account leaves it unresolved in the batch. */
  'readings.submitForm': channel({
    input: batchFormInput,
    output: z.object({ form: batchFormSchema, period: z.string().nullable(), late: z.boolean() }),
    access: clerks,
  }),
  /** The clerk puts a form aside (F8): kept in the batch with what was typed and why, editable later. */
  'readings.setAside': channel({
    input: batchFormInput.extend({
      /** What held the form back, when it was a check: a finding or a value problem. */
      finding: z
        .string()
        .regex(/^[a-zA-Z]{1,40}$/)
        .nullable()
        .default(null),
    }),
    output: z.object({ form: batchFormSchema }),
    access: clerks,
  }),
  /**
   * Closes the batch; the clerk has said what becomes of forms still typed halfway (`drafts`) and of
   * unresolved or set-aside ones (`unresolved`). Nothing is dropped without that answer.
   */
  'readings.finishBatch': channel({
    input: z.object({
      batchId: z.number().int().positive(),
      drafts: z.enum(['setAside', 'discard']).default('setAside'),
      unresolved: z.enum(['keep', 'discard']).default('keep'),
    }),
    output: batchSummarySchema,
    access: clerks,
  }),
  /**
   * Forms kept unresolved or set aside in finished batches: a clerk's own, every one for a supervisor
   * (docs/business-rules.md#meter-readings).
   */
  'readings.unresolvedForms': channel({
    input: z.object({}),
    output: z.array(unresolvedFormSchema),
    access: clerks,
  }),
  /**
   * Takes a kept form into the person's open batch with its stamp (opening one), as typed, to be put
   * right there; answers the batch it is in now.
   */
  'readings.takeUnresolvedForm': channel({
    input: z.object({ batchId: z.number().int().positive(), position: z.number().int().min(0) }),
    output: readingBatchSchema,
    access: clerks,
  }),
  /** Other people's open batches, for a supervisor to take one over. */
  'readings.openBatches': channel({
    input: z.object({}),
    output: z.array(openBatchListingSchema),
    access: ['supervisor'],
  }),
  /** The batch becomes the supervisor's; audited with the previous owner. */
  'readings.takeOverBatch': channel({
    input: z.object({ batchId: z.number().int().positive() }),
    output: readingBatchSchema,
    access: ['supervisor'],
  }),
}

const periodInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

export const periodClosureSchema = z.object({
  period: z.string(),
  closed: z.boolean(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
  reason: z.string().nullable(),
})

export const periodOverviewSchema = z.object({
  period: z.string(),
  /** Whether the period's register went to billing (then a reading for it goes to the next, late). */
  closure: periodClosureSchema.nullable(),
  /** The last day it collects readings on time, and whether that is still ahead as of today. */
  collectsUntil: z.string(),
  stillCollecting: z.boolean(),
  accountsExpected: z.number().int(),
  accountsWithReadings: z.number().int(),
  bySource: z.array(
    z.object({ source: z.enum(['web', 'phone', 'paper', 'inspector']), readings: z.number().int() }),
  ),
  byDistrict: z.array(
    z.object({ district: z.string(), expected: z.number().int(), withReadings: z.number().int() }),
  ),
  attention: z.array(
    z.object({
      meterId: z.number().int(),
      accountId: z.number().int(),
      number: z.string(),
      owner: z.string(),
      serial: z.string(),
      valueMilli: z.number().int(),
      late: z.boolean(),
      flags: z.array(z.enum(FINDING_CODES)),
      overrideReason: z.string().nullable(),
    }),
  ),
  attentionTotal: z.number().int(),
  missingTotal: z.number().int(),
  /** Rows per page of the two lists. */
  pageSize: z.number().int(),
  /**
   * Accounts without a reading for the period, longest silence first: billed by average, and after
   * three months by the norm (Government Decree No. 354), so staff chase them first.
   */
  missing: z.array(
    z.object({
      accountId: z.number().int(),
      number: z.string(),
      owner: z.string(),
      district: z.string(),
      lastPeriod: z.string().nullable(),
      periodsWithout: z.number().int().nullable(),
    }),
  ),
})
export type PeriodOverview = z.infer<typeof periodOverviewSchema>

export const readingSupervisionChannels = {
  'readings.periodOverview': channel({
    input: z.object({
      period: periodInput,
      /** The lists come 200 rows at a time: the first row of the page wanted. */
      attentionOffset: z.number().int().min(0).default(0),
      missingOffset: z.number().int().min(0).default(0),
    }),
    output: periodOverviewSchema,
    access: ['supervisor'],
  }),
  'readings.override': channel({
    input: z.object({
      meterId: z.number().int().positive(),
      period: periodInput,
      reason: z.string().trim().min(3).max(500),
    }),
    output: z.object({}),
    access: ['supervisor'],
  }),
  /**
   * Closes a period (its register went to billing) or reopens it with a reason. Readings received for
   * a closed period go to the next open one, marked late.
   */
  'readings.setPeriodClosed': channel({
    input: z.object({
      period: periodInput,
      closed: z.boolean(),
      reason: z.string().trim().min(3).max(500).nullable().default(null),
    }),
    output: z.object({}),
    access: ['supervisor'],
  }),
}

/** Why a web reading waits for a person: a reading check, or what only the website can get wrong. */
export const WEB_READING_FINDINGS = [...FINDING_CODES, 'unknownAccount', 'unknownMeter', 'badValue'] as const

export const webReviewItemSchema = z.object({
  id: z.number().int(),
  accountNumber: z.string(),
  meterSerial: z.string(),
  valueText: z.string(),
  submittedAt: z.string(),
  period: z.string().nullable(),
  findings: z.array(z.enum(WEB_READING_FINDINGS)),
  accountId: z.number().int().nullable(),
  owner: z.string().nullable(),
  /** The meter's last accepted reading before this one's period, to judge the value against. */
  previousMilli: z.number().int().nullable(),
  previousPeriod: z.string().nullable(),
})
export type WebReviewItem = z.infer<typeof webReviewItemSchema>

/** Readings from the website that the automatic checks did not accept (docs/business-rules.md#meter-readings). */
export const webReadingChannels = {
  'readings.webReview': channel({
    input: z.object({}),
    output: z.array(webReviewItemSchema),
    access: ['clerk', 'supervisor'],
  }),
  'readings.reviewWeb': channel({
    input: z.object({
      webReadingId: z.number().int().positive(),
      decision: z.enum(['accept', 'reject']),
      reason: optionalNote,
    }),
    output: z.object({}),
    access: ['clerk', 'supervisor'],
  }),
}
