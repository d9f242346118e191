import type { Severity } from './reading-checks'

/** A finding of any source: the reading checks, or what only the website can get wrong. */
interface AnyFinding {
  code: string
  severity: Severity
}

/**
 * What becomes of one checked reading, the one rule for every way a reading arrives
 * (docs/business-rules.md#meter-readings): the paper batch, the phone panel, the main process and web
 * readings all ask here.
 *  - an error refuses it;
 *  - a warning not yet confirmed needs an explicit confirmation;
 *  - a second reading for the same meter and period needs a reason;
 *  - otherwise it is accepted, with its flags (the duplicate itself is not a flag).
 */
export type ReadingDecision =
  | { kind: 'refused'; code: string }
  | { kind: 'needsConfirmation'; codes: string[] }
  | { kind: 'needsReason' }
  | { kind: 'accepted'; flags: string[] }

export function decideReading(
  findings: readonly AnyFinding[],
  confirmed: readonly string[],
  replaceReason: string | null | undefined,
): ReadingDecision {
  const error = findings.find((f) => f.severity === 'error')
  if (error) return { kind: 'refused', code: error.code }
  const unconfirmed = findings
    .filter((f) => f.severity === 'warning' && !confirmed.includes(f.code))
    .map((f) => f.code)
  if (unconfirmed.length) return { kind: 'needsConfirmation', codes: unconfirmed }
  if (findings.some((f) => f.code === 'duplicateForPeriod') && !replaceReason?.trim())
    return { kind: 'needsReason' }
  return {
    kind: 'accepted',
    flags: findings.filter((f) => f.code !== 'duplicateForPeriod').map((f) => f.code),
  }
}
