/** A billing period is a calendar month, written 'YYYY-MM'. Integer maths only: no time zones here. */
export type Period = string

export function periodIndex(period: Period): number {
  const [year, month] = period.split('-').map(Number)
  return year! * 12 + (month! - 1)
}

export function periodFromIndex(index: number): Period {
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return `${year}-${String(month).padStart(2, '0')}`
}

export function shiftPeriod(period: Period, months: number): Period {
  return periodFromIndex(periodIndex(period) + months)
}

export function isPeriod(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
}
