/**
 * A console's reading a conflict holds back (docs/business-rules.md#meter-readings): everything the row
 * would have had, so keeping it writes the reading as it was made (its time, late mark and flags; its
 * author is the conflict's `raised_by`), not as the supervisor who chose it.
 */
export interface ConflictingReading {
  valueMilli: number
  source: string
  replaceReason: string | null
  receivedAt: string
  late: boolean
  flags: string[]
  /** The closed period the console meant it for, when the service moved it on. */
  movedFrom: string | null
}
