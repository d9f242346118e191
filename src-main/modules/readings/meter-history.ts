import type BetterSqlite3 from 'better-sqlite3'
import { meterPast, RECENT_PERIODS, type MeterPast } from '@shared/domain/readings/web-reading-check'

export type MeterHistory = MeterPast

/** What the checks need to know of a meter's past, relative to the period being entered. */
export class MeterHistoryReader {
  private readonly before: BetterSqlite3.Statement<[number, string], { period: string; valueMilli: number }>
  private readonly existing: BetterSqlite3.Statement<[number, string], { valueMilli: number }>
  private readonly initial: BetterSqlite3.Statement<[number], number | null>

  constructor(db: BetterSqlite3.Database) {
    this.before = db.prepare(`SELECT period, value_milli AS valueMilli FROM readings
      WHERE meter_id = ? AND period < ? ORDER BY period DESC LIMIT ${RECENT_PERIODS + 1}`)
    this.existing = db.prepare(
      `SELECT value_milli AS valueMilli FROM readings WHERE meter_id = ? AND period = ?`,
    )
    this.initial = db
      .prepare<[number], number | null>(`SELECT initial_value_milli FROM meters WHERE id = ?`)
      .pluck()
  }

  read(meter: { id: number; digits: number }, period: string): MeterHistory {
    const existing = this.existing.get(meter.id, period)
    const before = this.before.all(meter.id, period)
    // Only a meter without an earlier reading is compared with the reading it was sealed at.
    const initial = before.length ? null : (this.initial.get(meter.id) ?? null)
    return meterPast(before, existing?.valueMilli ?? null, meter.digits, initial)
  }
}
