import type { z } from 'zod'
import type { MeterLastReading } from '../final-readings'

/**
 * What a kind of request declares (docs/architecture.md#adding-a-request-kind): the work-item core
 * (states, steps, claims, the due clock, the queue, the checklist, completion's common checks) is the
 * same for every kind; a kind adds its words, its documents, its own fields, its checks and what its
 * completion does. The console and the central service both read the same declaration.
 */
export interface RequestKindRules<Effect extends { effect: string } = { effect: string }> {
  /** What a letter or a decision calls a request of this kind: «заявка на …». */
  title: string
  /** The short word of lists, exports and the audit trail. */
  word: string
  /** The documents a clerk checks, in the checklist's order, each as the subscriber's letter names it. */
  documents: Readonly<Record<string, string>>
  /** Whether the request names a new owner and the date the account passes to them. */
  newOwner: boolean
  /**
   * The kind's own fields (JSON in `details`), as the website and the counter file them and the clerk
   * completes them; null when it has none.
   */
  details: z.ZodType<Record<string, unknown>> | null
  /** Whether a clerk may send an inspector before deciding (the `awaiting_visit` state). */
  inspectorVisit: boolean
  /**
   * Which meters need a final reading before completion: every active one, the serials the details
   * name, or none.
   */
  finalReadings(details: unknown): 'allActive' | readonly string[] | 'none'
  /** The kind's part of completion, after the core's checks (state, date, account) passed. */
  decide(facts: KindFacts, asked: KindAsked): KindDecision<Effect>
}

export interface KindFacts {
  /** When the request was filed (ISO): final readings count from the 7 days before it. */
  submittedAt: string
  /** The account's active meters, each with its latest reading. */
  meters: MeterLastReading[]
  /** The Moscow date of the completion's making. */
  today: string
}

export interface OwnerAsked {
  surname: string
  firstName: string
  patronymic: string | null
  phone?: string | null
  email?: string | null
}

export interface KindAsked {
  /** The completion date the clerk chose (yyyy-mm-dd). */
  on: string
  newOwner: OwnerAsked | null
  /** The kind's fields as the clerk completes them (checked by the kind's `details` schema). */
  details?: unknown
}

export type KindRefusal =
  | { code: 'FINAL_READINGS_MISSING'; meters: string }
  | { code: 'NEW_OWNER_REQUIRED' }
  | { code: 'NEW_OWNER_NAME'; problem: 'required' | 'tooLong' | 'notAName' }
  | { code: 'INVALID_INPUT'; fields: string }
  | { code: 'METER_NOT_ON_ACCOUNT'; serial: string }
  | { code: 'METER_ALREADY_ACTIVE'; serial: string }

export type KindDecision<Effect> = { refusal: KindRefusal } | Effect

/**
 * The kind's fields, read by its schema: the parsed object, or the fields refused, each named under its
 * kind (`meterCommissioning.sealNumber`), so a kind's field never takes the name of another's or of a
 * form's (the screens name them from `fields.<kind>.<field>`).
 */
export function readDetails<T>(
  kind: string,
  schema: z.ZodType<T>,
  details: unknown,
): { details: T } | { refusal: { code: 'INVALID_INPUT'; fields: string } } {
  const parsed = schema.safeParse(details ?? {})
  if (parsed.success) return { details: parsed.data }
  const fields = [
    ...new Set(parsed.error.issues.map((issue) => kindField(kind, String(issue.path[0] ?? '')))),
  ]
  return { refusal: { code: 'INVALID_INPUT', fields: fields.join(', ') } }
}

/** A kind's field as a refusal names it. */
export const kindField = (kind: string, field: string) => (field ? `${kind}.${field}` : 'details')
