import type BetterSqlite3 from 'better-sqlite3'
import type { ReportParams } from '@shared/contract'
import { formatOwner } from '@shared/domain/address'
import { periodIndex, shiftPeriod } from '@shared/domain/period'
import { FINDING_WORDS, SOURCE_WORDS } from '@shared/domain/reports/words'
import { ruPeriod } from '@shared/domain/russian-text'
import { filterLines, filterParams, filterSql, rowsOf, type ReportBuild } from './report-build'

const TREND_PERIODS = 12
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0)

/**
 * Readings coverage (issue: reports and exports): of the live accounts with meters, how many have a
 * reading for the period, by district and by source, with the trend over 12 periods drawn as lines
 * (all sources, and each source on its own).
 */
export function coverageReport(db: BetterSqlite3.Database, params: ReportParams): ReportBuild {
  const p = filterParams(params)
  const live = `a.status = 'active' AND ${filterSql.district}
    AND EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id AND m.status = 'active')`
  const expected = db.prepare(`SELECT count(*) FROM accounts a WHERE ${live}`).pluck().get(p) as number
  const from = shiftPeriod(params.period, -(TREND_PERIODS - 1))
  // The accounts table only when a district narrows it: millions of readings need not visit it otherwise.
  const byAccount = params.district
    ? `JOIN accounts a ON a.id = m.account_id WHERE ${filterSql.district} AND`
    : 'WHERE'
  const trend = db
    .prepare(
      `SELECT r.period, r.source, count(DISTINCT m.account_id) AS accounts
      FROM readings r JOIN meters m ON m.id = r.meter_id
      ${byAccount} r.period BETWEEN @from AND @period AND ${filterSql.source}
      GROUP BY r.period, r.source`,
    )
    .all({ ...p, from }) as { period: string; source: string; accounts: number }[]
  const trendAll = db
    .prepare(
      `SELECT r.period, count(DISTINCT m.account_id) AS accounts
      FROM readings r JOIN meters m ON m.id = r.meter_id
      ${byAccount} r.period BETWEEN @from AND @period AND ${filterSql.source}
      GROUP BY r.period`,
    )
    .all({ ...p, from }) as { period: string; accounts: number }[]
  const byDistrict = db
    .prepare(
      `SELECT a.district, count(*) AS expected, sum(EXISTS (SELECT 1 FROM meters m JOIN readings r
        ON r.meter_id = m.id AND r.period = @period AND ${filterSql.source} WHERE m.account_id = a.id)) AS covered
      FROM accounts a WHERE ${live} GROUP BY a.district ORDER BY a.district`,
    )
    .all(p) as { district: string; expected: number; covered: number }[]
  const bySource = db
    .prepare(
      `SELECT r.source, count(*) AS readings, count(DISTINCT m.account_id) AS accounts
      FROM readings r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = m.account_id
      WHERE r.period = @period AND ${filterSql.district} AND ${filterSql.source}
      GROUP BY r.source ORDER BY readings DESC, r.source`,
    )
    .all(p) as { source: string; readings: number; accounts: number }[]

  const periods = Array.from({ length: TREND_PERIODS }, (_, i) => shiftPeriod(from, i))
  const sources = [...new Set(trend.map((row) => row.source))].sort()
  const covered = new Map(trendAll.map((row) => [row.period, row.accounts]))
  const coveredNow = covered.get(params.period) ?? 0
  return {
    data: {
      title: `Охват показаниями за ${ruPeriod(params.period)}`,
      filters: filterLines(params, ruPeriod(params.period), SOURCE_WORDS),
      baseName: `Охват показаниями ${params.period}`,
      sections: [
        {
          title: 'По районам',
          count: byDistrict.length + 1,
          columns: [
            { key: 'district', header: 'Район', type: 'text', width: 20 },
            { key: 'expected', header: 'Лицевых счетов', type: 'integer', width: 14 },
            { key: 'covered', header: 'С показаниями', type: 'integer', width: 14 },
            { key: 'percent', header: 'Охват, %', type: 'decimal1', width: 10 },
          ],
          rows: rowsOf([
            ...byDistrict.map((row) => ({ ...row, percent: share(row.covered, row.expected) })),
            { district: 'Всего', expected, covered: coveredNow, percent: share(coveredNow, expected) },
          ]),
        },
        {
          title: 'По источникам',
          count: bySource.length,
          columns: [
            { key: 'source', header: 'Источник', type: 'text', width: 18 },
            { key: 'readings', header: 'Показаний', type: 'integer', width: 12 },
            { key: 'accounts', header: 'Лицевых счетов', type: 'integer', width: 14 },
            { key: 'percent', header: 'Доля счетов, %', type: 'decimal1', width: 12 },
          ],
          rows: rowsOf(
            bySource.map((row) => ({
              ...row,
              source: SOURCE_WORDS[row.source] ?? row.source,
              percent: share(row.accounts, expected),
            })),
          ),
        },
        {
          title: 'По периодам',
          count: periods.length,
          columns: [
            { key: 'period', header: 'Период', type: 'period', width: 10 },
            { key: 'covered', header: 'С показаниями', type: 'integer', width: 14 },
            { key: 'percent', header: 'Охват, %', type: 'decimal1', width: 10 },
          ],
          rows: rowsOf(
            periods.map((period) => ({
              period,
              covered: covered.get(period) ?? 0,
              percent: share(covered.get(period) ?? 0, expected),
            })),
          ),
        },
      ],
    },
    chart: {
      kind: 'line',
      title: 'Охват показаниями по периодам, % лицевых счетов',
      labels: periods.map(ruPeriod),
      series: [
        { label: 'все источники', data: periods.map((period) => share(covered.get(period) ?? 0, expected)) },
        ...sources.map((source) => ({
          label: SOURCE_WORDS[source] ?? source,
          data: periods.map((period) =>
            share(
              trend.find((row) => row.period === period && row.source === source)?.accounts ?? 0,
              expected,
            ),
          ),
        })),
      ],
    },
  }
}

interface AttentionLine {
  number: string
  surname: string
  firstName: string
  patronymic: string | null
  district: string
  serial: string
  value: number
  source: string
  receivedAt: string
  late: number
  flags: string | null
  overriddenBy: string | null
  overrideReason: string | null
}

/** Late and flagged readings of the period, with who accepted them as they are and why. */
export function lateFlaggedReport(db: BetterSqlite3.Database, params: ReportParams): ReportBuild {
  const p = filterParams(params)
  const where = `r.period = @period AND (r.late = 1 OR r.flags IS NOT NULL) AND ${filterSql.district} AND ${filterSql.source}`
  const from = `FROM readings r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = m.account_id`
  const count = db.prepare(`SELECT count(*) ${from} WHERE ${where}`).pluck().get(p) as number
  const lines =
    db.prepare(`SELECT a.number, a.surname, a.first_name AS firstName, a.patronymic, a.district, m.serial,
    r.value_milli AS value, r.source, r.received_at AS receivedAt, r.late, r.flags, s.full_name AS overriddenBy,
    r.override_reason AS overrideReason ${from} LEFT JOIN staff s ON s.id = r.overridden_by WHERE ${where}
    ORDER BY a.number, m.serial`)
  const kinds = db
    .prepare(`SELECT sum(r.late = 1) AS late, sum(r.flags IS NOT NULL) AS flagged ${from} WHERE ${where}`)
    .get(p) as { late: number | null; flagged: number | null }
  return {
    data: {
      title: `Поздние и отмеченные показания за ${ruPeriod(params.period)}`,
      filters: filterLines(params, ruPeriod(params.period), SOURCE_WORDS),
      baseName: `Поздние и отмеченные ${params.period}`,
      sections: [
        {
          title: 'Показания',
          count,
          columns: [
            { key: 'number', header: 'Лицевой счёт', type: 'text', width: 12 },
            { key: 'owner', header: 'Владелец', type: 'text', width: 26 },
            { key: 'district', header: 'Район', type: 'text', width: 14 },
            { key: 'serial', header: 'Счётчик', type: 'text', width: 12 },
            { key: 'value', header: 'Показание, м³', type: 'decimal3', width: 12 },
            { key: 'source', header: 'Источник', type: 'text', width: 14 },
            { key: 'receivedAt', header: 'Получено', type: 'dateTime', width: 16 },
            { key: 'why', header: 'Отметки', type: 'text', width: 26 },
            { key: 'accepted', header: 'Принято как есть', type: 'text', width: 26 },
          ],
          rows: function* () {
            for (const line of lines.iterate(p) as Iterable<AttentionLine>) {
              const flags = line.flags ? (JSON.parse(line.flags) as string[]) : []
              yield {
                ...line,
                owner: formatOwner(line),
                source: SOURCE_WORDS[line.source] ?? line.source,
                why: [...(line.late ? ['поздно'] : []), ...flags.map((f) => FINDING_WORDS[f] ?? f)].join(
                  ', ',
                ),
                accepted: line.overriddenBy ? `${line.overriddenBy}: ${line.overrideReason ?? ''}` : '',
              }
            }
          },
        },
      ],
    },
    chart: {
      kind: 'bar',
      title: 'Поздние и отмеченные показания',
      labels: ['поздно', 'с отметками'],
      series: [{ label: 'показаний', data: [kinds.late ?? 0, kinds.flagged ?? 0] }],
    },
  }
}

interface SilentLine {
  number: string
  surname: string
  firstName: string
  patronymic: string | null
  district: string
  street: string
  house: string
  apartment: string | null
  lastPeriod: string | null
}

const BUCKETS = ['1', '2', '3', '4–6', '7–12', 'больше 12', 'никогда'] as const
const bucketOf = (periods: number | null) =>
  periods === null ? 6 : periods <= 3 ? periods - 1 : periods <= 6 ? 3 : periods <= 12 ? 4 : 5

/**
 * Silent accounts: live accounts with meters and no reading for the period, with how many periods in
 * a row (the fourth moves the charge from the average to the norm), longest silent first.
 */
export function silentReport(db: BetterSqlite3.Database, params: ReportParams): ReportBuild {
  const p = filterParams(params)
  // Each meter's last period is one index seek, not a walk through all its readings.
  const silentSql = `SELECT a.number, a.surname, a.first_name AS firstName, a.patronymic, a.district, a.street, a.house,
    a.apartment, max((SELECT max(r.period) FROM readings r WHERE r.meter_id = m.id AND r.period <= @period)) AS lastPeriod
    FROM accounts a JOIN meters m ON m.account_id = a.id AND m.status = 'active'
    WHERE a.status = 'active' AND ${filterSql.district}
    GROUP BY a.id HAVING lastPeriod IS NULL OR lastPeriod < @period`
  const lines = db.prepare(`${silentSql} ORDER BY lastPeriod IS NOT NULL, lastPeriod, a.number`)
  const index = periodIndex(params.period)
  const periodsWithout = (last: string | null) => (last ? index - periodIndex(last) : null)
  const counts = Array<number>(BUCKETS.length).fill(0)
  let count = 0
  for (const line of db.prepare(`SELECT lastPeriod FROM (${silentSql})`).iterate(p) as Iterable<{
    lastPeriod: string | null
  }>) {
    counts[bucketOf(periodsWithout(line.lastPeriod))]! += 1
    count += 1
  }
  return {
    data: {
      title: `Лицевые счета без показаний за ${ruPeriod(params.period)}`,
      filters: filterLines({ ...params, source: null }, ruPeriod(params.period), SOURCE_WORDS),
      baseName: `Без показаний ${params.period}`,
      sections: [
        {
          title: 'Без показаний',
          count,
          columns: [
            { key: 'number', header: 'Лицевой счёт', type: 'text', width: 12 },
            { key: 'owner', header: 'Владелец', type: 'text', width: 26 },
            { key: 'district', header: 'Район', type: 'text', width: 14 },
            { key: 'address', header: 'Адрес', type: 'text', width: 30 },
            { key: 'lastPeriod', header: 'Последнее показание', type: 'period', width: 14 },
            { key: 'periodsWithout', header: 'Периодов подряд без показаний', type: 'integer', width: 14 },
            { key: 'charge', header: 'Начисление', type: 'text', width: 14 },
          ],
          rows: function* () {
            for (const line of lines.iterate(p) as Iterable<SilentLine>) {
              const without = periodsWithout(line.lastPeriod)
              yield {
                ...line,
                owner: formatOwner(line),
                address: `${line.street}, д. ${line.house}${line.apartment ? `, кв. ${line.apartment}` : ''}`,
                periodsWithout: without,
                charge: without === null || without > 3 ? 'по нормативу' : 'по среднему',
              }
            }
          },
        },
      ],
    },
    chart: {
      kind: 'bar',
      title: 'Сколько периодов подряд без показаний',
      labels: [...BUCKETS],
      series: [{ label: 'лицевых счетов', data: counts }],
    },
  }
}
