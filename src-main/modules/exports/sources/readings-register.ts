import type BetterSqlite3 from 'better-sqlite3'
import { consumptionMilli } from '@shared/domain/consumption'
import { periodIndex } from '@shared/domain/period'
import { SOURCE_WORDS } from '@shared/domain/reports/words'
import { ruPeriod } from '@shared/domain/russian-text'
import type { ExportData } from '../export-source'

interface ReadingLine {
  number: string
  eircNumber: string
  serial: string
  previous: number | null
  current: number
  digits: number
  source: string
  receivedAt: string
}

interface SilentLine {
  number: string
  eircNumber: string
  district: string
  lastPeriod: string | null
  /** The earliest installation among its meters: a meter never read is silent since then. */
  installedOn: string
}

/**
 * The readings register for the billing system (docs/business-rules.md#reports-exports-and-the-audit-trail):
 * every accepted reading of the period — both account numbers, the meter, the previous and the current value,
 * consumption (across a roll-over), source and date received — and every live account with meters that has
 * none, with how many periods in a row it has gone without (after three, billing charges by the norm instead
 * of the average). Rows are read as they are written.
 */
export function readingsRegister(db: BetterSqlite3.Database, period: string): ExportData {
  // Walked in account-number order through that index (CROSS JOIN fixes the order of the loops), so
  // only one account's meters are ever sorted: sorting the period's 500,000 readings at once held
  // ~200 MB (docs/business-rules.md#reports-exports-and-the-audit-trail).
  const readings = db.prepare(`SELECT a.number, a.eirc_number AS eircNumber, m.serial, m.digits,
      (SELECT p.value_milli FROM readings p WHERE p.meter_id = r.meter_id AND p.period < r.period
        ORDER BY p.period DESC LIMIT 1) AS previous,
      r.value_milli AS current, r.source, r.received_at AS receivedAt
    FROM accounts a CROSS JOIN meters m ON m.account_id = a.id
      CROSS JOIN readings r ON r.meter_id = m.id AND r.period = ?
    ORDER BY a.number, m.serial`)
  // Each meter's last period is one index seek, not a walk through all its readings.
  const silentSql = `SELECT a.number, a.eirc_number AS eircNumber, a.district,
      max((SELECT max(r.period) FROM readings r WHERE r.meter_id = m.id AND r.period <= @period)) AS lastPeriod,
      min(m.installed_on) AS installedOn
    FROM accounts a JOIN meters m ON m.account_id = a.id AND m.status = 'active'
    WHERE a.status = 'active' GROUP BY a.id HAVING lastPeriod IS NULL OR lastPeriod < @period`
  const silent = db.prepare(`${silentSql} ORDER BY a.id`)
  const readingCount = db
    .prepare(`SELECT count(*) FROM readings WHERE period = ?`)
    .pluck()
    .get(period) as number
  const silentCount = db.prepare(`SELECT count(*) FROM (${silentSql})`).pluck().get({ period }) as number
  const index = periodIndex(period)
  return {
    title: `Реестр показаний за ${ruPeriod(period)}`,
    filters: [['Период', ruPeriod(period)]],
    baseName: `Реестр показаний ${period}`,
    sections: [
      {
        title: 'Показания',
        count: readingCount,
        columns: [
          { key: 'number', header: 'Лицевой счёт', type: 'text', width: 12 },
          { key: 'eircNumber', header: 'Лицевой счёт ЕИРЦ', type: 'text', width: 16 },
          { key: 'serial', header: 'Счётчик', type: 'text', width: 14 },
          { key: 'previous', header: 'Предыдущее, м³', type: 'decimal3', width: 14 },
          { key: 'current', header: 'Текущее, м³', type: 'decimal3', width: 14 },
          { key: 'consumption', header: 'Расход, м³', type: 'decimal3', width: 12 },
          { key: 'source', header: 'Источник', type: 'text', width: 16 },
          { key: 'receivedAt', header: 'Получено', type: 'dateTime', width: 17 },
        ],
        rows: function* () {
          // Each row is SQLite's own object, completed in place: half a million copies would only be
          // garbage for the collector to catch up with while the file is written.
          for (const line of readings.iterate(period) as Iterable<ReadingLine & Record<string, unknown>>) {
            line.consumption =
              line.previous === null ? null : consumptionMilli(line.previous, line.current, line.digits)
            line.source = SOURCE_WORDS[line.source] ?? line.source
            yield line
          }
        },
      },
      {
        title: 'Без показаний',
        count: silentCount,
        columns: [
          { key: 'number', header: 'Лицевой счёт', type: 'text', width: 12 },
          { key: 'eircNumber', header: 'Лицевой счёт ЕИРЦ', type: 'text', width: 16 },
          { key: 'district', header: 'Район', type: 'text', width: 16 },
          { key: 'lastPeriod', header: 'Последнее показание', type: 'period', width: 16 },
          { key: 'periodsWithout', header: 'Периодов подряд без показаний', type: 'integer', width: 14 },
        ],
        rows: function* () {
          for (const line of silent.iterate({ period }) as Iterable<SilentLine>)
            yield { ...line, periodsWithout: periodsWithout(line, index) }
        },
      },
    ],
  }
}

/**
 * Periods in a row without a reading up to the register's: since the last one read, or for a meter
 * never read, since the period it was installed in (itself included).
 */
function periodsWithout(line: SilentLine, index: number): number {
  if (line.lastPeriod) return index - periodIndex(line.lastPeriod)
  return Math.max(1, index - periodIndex(line.installedOn.slice(0, 7)) + 1)
}
