import { consumptionMilli, meterCapacityMilli } from './consumption'

/**
 * The checks of one typed reading (docs/business-rules.md#meter-readings). Pure: the renderer runs them as
 * the clerk types, the main process runs them again when the command is applied.
 *  - error: the reading cannot be saved as it is;
 *  - warning: saved only after the clerk explicitly confirms it;
 *  - flag: saved, and marked for supervisors.
 */
export type FindingCode =
  | 'accountClosed'
  | 'meterRemoved'
  | 'lowerThanPrevious'
  | 'rollOver'
  | 'spike'
  | 'zeroStreak'
  | 'verificationOverdue'
  | 'duplicateForPeriod'

export type Severity = 'error' | 'warning' | 'flag'

export interface Finding {
  code: FindingCode
  severity: Severity
  params?: Record<string, string | number>
}

export interface ReadingCheckInput {
  accountStatus: 'active' | 'closed'
  meter: { status: 'active' | 'removed'; digits: number; verificationDue: string }
  valueMilli: number
  /** The last accepted reading of this meter before the period, if any. */
  previousMilli: number | null
  /** Consumption of the most recent periods, newest first (for the average and zero streaks). */
  recentConsumptionMilli: number[]
  /** A reading already saved for this meter and period: replacing it needs a reason. */
  existingForPeriodMilli: number | null
  /** Moscow calendar date of receipt, 'YYYY-MM-DD'. */
  receivedOn: string
  houseType: 'mkd' | 'private'
}

/** A value counts as a roll-over when the previous one sat in the top tenth of the dial. */
export const ROLL_OVER_ZONE = 0.9
/** "Far above usual": more than three times the recent average. */
export const SPIKE_FACTOR = 3
/** Monthly ceilings beyond which any consumption is implausible for one meter, in m³. */
export const MONTHLY_CEILING_M3 = { mkd: 30, private: 120 } as const
/** Three periods in a row at zero suggest a stuck or bypassed meter. */
export const ZERO_STREAK = 3

export function checkReading(input: ReadingCheckInput): {
  findings: Finding[]
  consumptionMilli: number | null
} {
  const findings: Finding[] = []
  if (input.accountStatus === 'closed') findings.push({ code: 'accountClosed', severity: 'error' })
  if (input.meter.status === 'removed') findings.push({ code: 'meterRemoved', severity: 'error' })

  let used: number | null = null
  if (input.previousMilli !== null) {
    if (input.valueMilli < input.previousMilli) {
      const capacity = meterCapacityMilli(input.meter.digits)
      if (input.previousMilli >= capacity * ROLL_OVER_ZONE) {
        used = consumptionMilli(input.previousMilli, input.valueMilli, input.meter.digits)
        findings.push({ code: 'rollOver', severity: 'warning', params: { consumptionMilli: used } })
      } else {
        findings.push({
          code: 'lowerThanPrevious',
          severity: 'error',
          params: { previousMilli: input.previousMilli },
        })
      }
    } else {
      used = input.valueMilli - input.previousMilli
    }
  }

  if (used !== null) {
    const recent = input.recentConsumptionMilli.filter((c) => c > 0)
    const average = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null
    const ceiling = MONTHLY_CEILING_M3[input.houseType] * 1000
    if ((average !== null && used > SPIKE_FACTOR * average) || used > ceiling) {
      findings.push({
        code: 'spike',
        severity: 'warning',
        params: { consumptionMilli: used, averageMilli: Math.round(average ?? 0) },
      })
    }
    const zeroes = [used, ...input.recentConsumptionMilli.slice(0, ZERO_STREAK - 1)]
    if (zeroes.length === ZERO_STREAK && zeroes.every((c) => c === 0))
      findings.push({ code: 'zeroStreak', severity: 'warning', params: { periods: ZERO_STREAK } })
  }

  if (input.meter.verificationDue < input.receivedOn)
    findings.push({
      code: 'verificationOverdue',
      severity: 'flag',
      params: { due: input.meter.verificationDue },
    })
  if (input.existingForPeriodMilli !== null)
    findings.push({
      code: 'duplicateForPeriod',
      severity: 'warning',
      params: { existingMilli: input.existingForPeriodMilli },
    })

  return { findings, consumptionMilli: used }
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error')
}
