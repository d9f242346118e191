import type { MigrationInterface, QueryRunner } from 'typeorm'
import { COVERAGE_SOURCES, recountCoverageSql, recountPeriodsSql } from '../reading-coverage'

/**
 * Coverage kept as readings change (docs/business-rules.md#reports-exports-and-the-audit-trail). Counting the
 * accounts with a reading over twelve periods means six million readings joined to their meters — eleven
 * seconds. Three small tables answer it at once:
 *
 * - `account_reading_periods`: per account and period, how many readings it has from each source.
 *   The silent accounts and their run of periods without a reading are one seek per account here.
 * - `covered_accounts`: per period and district, how many accounts have any reading;
 *   `covered_accounts_by_source`: the same per source, with how many readings there are.
 *
 * Triggers keep them, so no writer — the clerk's form, the website's readings through sync, a
 * conflict resolved, a correction — can forget to. The initial copy pauses them
 * (`reading_coverage_upkeep`) and recounts once at its end: millions of rows go faster counted once.
 */
export class ReadingCoverage1764000000022 implements MigrationInterface {
  name = 'ReadingCoverage1764000000022'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account_reading_periods (
      account_id INTEGER NOT NULL,
      period TEXT NOT NULL,
      ${SOURCES.map((source) => `${source} INTEGER NOT NULL DEFAULT 0`).join(', ')},
      PRIMARY KEY (account_id, period)
    ) WITHOUT ROWID`)
    await q.query(`CREATE TABLE covered_accounts (
      period TEXT NOT NULL,
      district TEXT NOT NULL,
      accounts INTEGER NOT NULL,
      PRIMARY KEY (period, district)
    ) WITHOUT ROWID`)
    await q.query(`CREATE TABLE covered_accounts_by_source (
      period TEXT NOT NULL,
      district TEXT NOT NULL,
      source TEXT NOT NULL,
      accounts INTEGER NOT NULL,
      readings INTEGER NOT NULL,
      PRIMARY KEY (period, district, source)
    ) WITHOUT ROWID`)
    await q.query(`CREATE TABLE reading_coverage_upkeep (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      paused INTEGER NOT NULL
    )`)
    await q.query(`INSERT INTO reading_coverage_upkeep (id, paused) VALUES (1, 0)`)
    // The accounts a report expects a reading from (live, with a live meter), read from two indexes
    // alone: a third of a second less on every coverage and silent-accounts report.
    await q.query(`DROP INDEX meters_account`)
    await q.query(`CREATE INDEX meters_account ON meters (account_id, status)`)
    await q.query(`CREATE INDEX accounts_status_district ON accounts (status, district)`)
    const kept = `(SELECT paused FROM reading_coverage_upkeep) = 0`

    await q.query(`CREATE TRIGGER reading_counted AFTER INSERT ON readings WHEN ${kept} BEGIN
      ${countIn('NEW')}
    END`)
    await q.query(`CREATE TRIGGER reading_uncounted AFTER DELETE ON readings WHEN ${kept} BEGIN
      ${countOut('OLD')}
    END`)
    await q.query(`CREATE TRIGGER reading_recounted AFTER UPDATE OF meter_id, period, source ON readings
      WHEN ${kept}
        AND (OLD.meter_id IS NOT NEW.meter_id OR OLD.period IS NOT NEW.period OR OLD.source IS NOT NEW.source)
      BEGIN
      ${countOut('OLD')}
      ${countIn('NEW')}
    END`)
    // Rare corrections from the central side move whole accounts' counts: taken out as they were,
    // put back as they are.
    await q.query(`CREATE TRIGGER account_district_recounted AFTER UPDATE OF district ON accounts
      WHEN ${kept} AND OLD.district IS NOT NEW.district BEGIN
      ${tallyAccount('NEW.id', 'OLD.district', -1)}
      ${tallyAccount('NEW.id', 'NEW.district', 1)}
    END`)
    await q.query(`CREATE TRIGGER meter_account_recounted AFTER UPDATE OF account_id ON meters
      WHEN ${kept} AND OLD.account_id IS NOT NEW.account_id BEGIN
      ${['OLD', 'NEW']
        .map((side) => tallyAccount(`${side}.account_id`, districtOf(`${side}.account_id`), -1))
        .join('\n')}
      DELETE FROM account_reading_periods WHERE account_id IN (OLD.account_id, NEW.account_id);
      ${recountPeriodsSql('WHERE m.account_id IN (OLD.account_id, NEW.account_id)')}
      ${['OLD', 'NEW']
        .map((side) => tallyAccount(`${side}.account_id`, districtOf(`${side}.account_id`), 1))
        .join('\n')}
    END`)

    for (const sql of recountCoverageSql()) await q.query(sql)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of [
      'reading_counted',
      'reading_uncounted',
      'reading_recounted',
      'account_district_recounted',
      'meter_account_recounted',
    ])
      await q.query(`DROP TRIGGER ${trigger}`)
    await q.query(`DROP INDEX accounts_status_district`)
    await q.query(`DROP INDEX meters_account`)
    await q.query(`CREATE INDEX meters_account ON meters (account_id)`)
    for (const table of [
      'reading_coverage_upkeep',
      'covered_accounts_by_source',
      'covered_accounts',
      'account_reading_periods',
    ])
      await q.query(`DROP TABLE ${table}`)
  }
}

const SOURCES = COVERAGE_SOURCES
const total = (row: string) => SOURCES.map((source) => `${row}.${source}`).join(' + ')
const sourceCount = (row: string, source: string) =>
  `CASE ${source} ${SOURCES.map((s) => `WHEN '${s}' THEN ${row}.${s}`).join(' ')} END`
const districtOf = (account: string) => `(SELECT district FROM accounts WHERE id = ${account})`
const readingAccount = (row: string) => `FROM meters m JOIN accounts a ON a.id = m.account_id
  JOIN account_reading_periods p ON p.account_id = m.account_id AND p.period = ${row}.period
  WHERE m.id = ${row}.meter_id`

/**
 * One reading joins the counts: its account-period row (made when it is the first), then the
 * account counted as covered if this is its first reading of the period, and of the source.
 */
function countIn(row: 'NEW' | 'OLD') {
  return `INSERT INTO account_reading_periods (account_id, period, ${SOURCES.join(', ')})
      SELECT account_id, ${row}.period, ${SOURCES.map((source) => `${row}.source = '${source}'`).join(', ')}
      FROM meters WHERE id = ${row}.meter_id
      ON CONFLICT (account_id, period) DO UPDATE SET ${SOURCES.map((s) => `${s} = ${s} + excluded.${s}`).join(', ')};
    INSERT INTO covered_accounts (period, district, accounts)
      SELECT ${row}.period, a.district, 1 ${readingAccount(row)} AND ${total('p')} = 1
      ON CONFLICT (period, district) DO UPDATE SET accounts = accounts + 1;
    INSERT INTO covered_accounts_by_source (period, district, source, accounts, readings)
      SELECT ${row}.period, a.district, ${row}.source, ${sourceCount('p', `${row}.source`)} = 1, 1 ${readingAccount(row)}
      ON CONFLICT (period, district, source) DO UPDATE SET accounts = accounts + excluded.accounts,
        readings = readings + 1;`
}

/** One reading leaves the counts: the mirror image of `countIn`, the emptied row removed last. */
function countOut(row: 'NEW' | 'OLD') {
  const account = `(SELECT account_id FROM meters WHERE id = ${row}.meter_id)`
  return `UPDATE account_reading_periods SET ${SOURCES.map((s) => `${s} = ${s} - (${row}.source = '${s}')`).join(', ')}
      WHERE account_id = ${account} AND period = ${row}.period;
    UPDATE covered_accounts SET accounts = accounts - 1
      WHERE period = ${row}.period AND district = ${districtOf(account)}
        AND (SELECT ${total('p')} FROM account_reading_periods p WHERE p.account_id = ${account}
          AND p.period = ${row}.period) = 0;
    UPDATE covered_accounts_by_source SET readings = readings - 1,
        accounts = accounts - ((SELECT ${sourceCount('p', `${row}.source`)} FROM account_reading_periods p
          WHERE p.account_id = ${account} AND p.period = ${row}.period) = 0)
      WHERE period = ${row}.period AND district = ${districtOf(account)} AND source = ${row}.source;
    DELETE FROM account_reading_periods WHERE account_id = ${account} AND period = ${row}.period
      AND ${total('account_reading_periods')} = 0;`
}

/** An account's account-period rows counted into (1) or out of (-1) a district's tallies. */
function tallyAccount(account: string, district: string, sign: 1 | -1) {
  return `INSERT INTO covered_accounts (period, district, accounts)
      SELECT period, ${district}, ${sign} FROM account_reading_periods WHERE account_id = ${account}
      ON CONFLICT (period, district) DO UPDATE SET accounts = accounts + excluded.accounts;
    ${SOURCES.map(
      (source) => `INSERT INTO covered_accounts_by_source (period, district, source, accounts, readings)
      SELECT period, ${district}, '${source}', ${sign}, ${sign} * ${source} FROM account_reading_periods
      WHERE account_id = ${account} AND ${source} > 0
      ON CONFLICT (period, district, source) DO UPDATE SET accounts = accounts + excluded.accounts,
        readings = readings + excluded.readings;`,
    ).join('\n')}`
}
