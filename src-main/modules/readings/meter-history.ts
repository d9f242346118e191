import type BetterSqlite3 from 'better-sqlite3'
import { consumptionMilli } from '@shared/domain/consumption'

const RECENT_PERIODS = 3

export interface MeterHistory {
  previousMilli: number | null
  previousPeriod: string | null
  recentConsumptionMilli: number[]
  existingForPeriodMilli: number | null
}

/** What the checks need to know of a meter's past, relative to the period being entered. */
export class MeterHistoryReader {
  private readonly before: BetterSqlite3.Statement
  private readonly existing: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.before = db.prepare(`SELECT period, value_milli AS valueMilli FROM readings
      WHERE meter_id = ? AND period < ? ORDER BY period DESC LIMIT ${RECENT_PERIODS + 1}`)
    this.existing = db.prepare(
      `SELECT value_milli AS valueMilli FROM readings WHERE meter_id = ? AND period = ?`,
    )
  }

  read(meter: { id: number; digits: number }, period: string): MeterHistory {
    const past = this.before.all(meter.id, period) as { period: string; valueMilli: number }[]
    const recent = past
      .slice(0, -1)
      .map((reading, i) => consumptionMilli(past[i + 1]!.valueMilli, reading.valueMilli, meter.digits))
    const existing = this.existing.get(meter.id, period) as { valueMilli: number } | undefined
    return {
      previousMilli: past[0]?.valueMilli ?? null,
      previousPeriod: past[0]?.period ?? null,
      recentConsumptionMilli: recent,
      existingForPeriodMilli: existing?.valueMilli ?? null,
    }
  }
}
