import type BetterSqlite3 from 'better-sqlite3'

/**
 * The coverage tallies the reports read (local migration 22): which periods each account has readings
 * for, and how many accounts are covered per period, district and source. Triggers keep them as
 * readings change; these are the two moments they are counted whole instead.
 */

/** The sources a reading can come from (the CHECK on `readings.source`), each a counting column. */
export const COVERAGE_SOURCES = ['web', 'phone', 'paper', 'inspector'] as const

/** Account-period rows counted afresh from the readings of the meters `where` picks. */
export function recountPeriodsSql(where = '') {
  const sources = COVERAGE_SOURCES
  return `INSERT INTO account_reading_periods (account_id, period, ${sources.join(', ')})
    SELECT m.account_id, r.period, ${sources.map((source) => `sum(r.source = '${source}')`).join(', ')}
    FROM meters m JOIN readings r ON r.meter_id = m.id ${where}
    GROUP BY m.account_id, r.period ORDER BY 1, 2;`
}

/** Every tally emptied and counted from the readings as they are: one pass, not one per row. */
export function recountCoverageSql(): string[] {
  return [
    `DELETE FROM account_reading_periods`,
    `DELETE FROM covered_accounts`,
    `DELETE FROM covered_accounts_by_source`,
    recountPeriodsSql(),
    `INSERT INTO covered_accounts (period, district, accounts)
      SELECT p.period, a.district, count(*) FROM account_reading_periods p JOIN accounts a ON a.id = p.account_id
      GROUP BY p.period, a.district`,
    ...COVERAGE_SOURCES.map(
      (source) => `INSERT INTO covered_accounts_by_source (period, district, source, accounts, readings)
        SELECT p.period, a.district, '${source}', count(*), sum(p.${source})
        FROM account_reading_periods p JOIN accounts a ON a.id = p.account_id WHERE p.${source} > 0
        GROUP BY p.period, a.district`,
    ),
  ]
}

/**
 * The initial copy writes millions of readings: the triggers stand aside while it runs (the pause is
 * stored, so a copy resumed after a restart keeps it) and everything is counted once at its end.
 */
export function pauseCoverageUpkeep(db: BetterSqlite3.Database): void {
  db.prepare(`UPDATE reading_coverage_upkeep SET paused = 1`).run()
}

/** Counts everything afresh and hands the tallies back to the triggers; inside the caller's transaction. */
export function resumeCoverageUpkeep(db: BetterSqlite3.Database): void {
  for (const sql of recountCoverageSql()) db.exec(sql)
  db.prepare(`UPDATE reading_coverage_upkeep SET paused = 0`).run()
}
