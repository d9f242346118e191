import type BetterSqlite3 from 'better-sqlite3'
import type { PeriodOverview } from '@shared/contract'
import { formatOwner } from '@shared/domain/address'
import { periodIndex } from '@shared/domain/period'
import { collectsUntil, stillCollecting } from '@shared/domain/period-closing'
import type { FindingCode } from '@shared/domain/reading-checks'
import { findStaffByLogin } from '../staff/staff-queries'
import { readClosure } from './period-closures'

const LIST_LIMIT = 200

/**
 * The supervisors' view of one billing period: coverage, sources, districts, what needs attention, and
 * whether it still collects readings as of `today` (a Moscow date).
 */
export function readPeriodOverview(
  db: BetterSqlite3.Database,
  period: string,
  today: string,
  offsets: { attention: number; missing: number } = { attention: 0, missing: 0 },
): PeriodOverview {
  const raw = readClosure(db, period)
  // The person by name on the screen, not by login; the login when this console does not know them.
  const closure = raw && {
    ...raw,
    changedBy: raw.changedBy ? (findStaffByLogin(db, raw.changedBy)?.fullName ?? raw.changedBy) : null,
  }
  // One row per active account with active meters: whether it has a reading for the period, and the
  // last period it had one in. Readings are found through the (meter_id, period) index.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS period_coverage (account_id INTEGER PRIMARY KEY, district TEXT,
    has_reading INTEGER, last_period TEXT)`)
  db.exec(`DELETE FROM period_coverage`)
  db.prepare(
    `INSERT INTO period_coverage
    SELECT a.id, a.district, max(r.period = @period), max(r.period)
    FROM accounts a JOIN meters m ON m.account_id = a.id AND m.status = 'active'
    LEFT JOIN readings r ON r.meter_id = m.id AND r.period <= @period
    WHERE a.status = 'active' GROUP BY a.id`,
  ).run({ period })

  const totals = db
    .prepare(
      `SELECT count(*) AS expected, coalesce(sum(has_reading = 1), 0) AS withReadings FROM period_coverage`,
    )
    .get() as { expected: number; withReadings: number }
  const bySource = db
    .prepare(
      `SELECT source, count(*) AS readings FROM readings WHERE period = ? GROUP BY source ORDER BY readings DESC`,
    )
    .all(period) as PeriodOverview['bySource']
  const byDistrict = db
    .prepare(
      `SELECT district, count(*) AS expected, coalesce(sum(has_reading = 1), 0) AS withReadings
      FROM period_coverage GROUP BY district ORDER BY district`,
    )
    .all() as PeriodOverview['byDistrict']
  const attention = (
    db
      .prepare(
        `SELECT r.meter_id AS meterId, a.id AS accountId, a.number, a.surname, a.first_name AS firstName,
        a.patronymic, m.serial, r.value_milli AS valueMilli, r.late, r.flags, r.override_reason AS overrideReason
        FROM readings r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = m.account_id
        WHERE r.period = ? AND (r.late = 1 OR r.flags IS NOT NULL) ORDER BY a.number LIMIT ${LIST_LIMIT} OFFSET ?`,
      )
      .all(period, offsets.attention) as (Omit<
      PeriodOverview['attention'][number],
      'owner' | 'late' | 'flags'
    > & {
      surname: string
      firstName: string
      patronymic: string | null
      late: number
      flags: string | null
    })[]
  ).map(({ surname, firstName, patronymic, late, flags, ...row }) => ({
    ...row,
    owner: formatOwner({ surname, firstName, patronymic }),
    late: late === 1,
    flags: flags ? (JSON.parse(flags) as FindingCode[]) : [],
  }))
  const missing = (
    db
      .prepare(
        `SELECT a.id AS accountId, a.number, a.surname, a.first_name AS firstName, a.patronymic, a.district,
        c.last_period AS lastPeriod FROM period_coverage c JOIN accounts a ON a.id = c.account_id
        WHERE c.has_reading IS NOT 1 ORDER BY c.last_period IS NOT NULL, c.last_period, a.number LIMIT ${LIST_LIMIT} OFFSET ?`,
      )
      .all(offsets.missing) as {
      accountId: number
      number: string
      surname: string
      firstName: string
      patronymic: string | null
      district: string
      lastPeriod: string | null
    }[]
  ).map(({ surname, firstName, patronymic, ...row }) => ({
    ...row,
    owner: formatOwner({ surname, firstName, patronymic }),
    periodsWithout: row.lastPeriod ? periodIndex(period) - periodIndex(row.lastPeriod) : null,
  }))
  return {
    period,
    closure,
    collectsUntil: collectsUntil(period),
    stillCollecting: stillCollecting(period, today),
    accountsExpected: totals.expected,
    accountsWithReadings: totals.withReadings,
    bySource,
    byDistrict,
    attention,
    attentionTotal: db
      .prepare(`SELECT count(*) FROM readings WHERE period = ? AND (late = 1 OR flags IS NOT NULL)`)
      .pluck()
      .get(period) as number,
    missingTotal: totals.expected - totals.withReadings,
    pageSize: LIST_LIMIT,
    missing,
  }
}
