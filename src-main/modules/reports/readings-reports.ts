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
 * Readings coverage (docs/business-rules.md#reports-exports-and-the-audit-trail): of the live accounts with
 * meters, how many have a reading for the period, by district and by source, with the trend over 12 periods
 * drawn as lines (all sources, and each source on its own).
 */
export function coverageReport(db: BetterSqlite3.Database, params: ReportParams): ReportBuild {
  const p = { ...filterParams(params), from: shiftPeriod(params.period, -(TREND_PERIODS - 1)) }
  // Covered accounts come from the tallies local migration 22 keeps as readings change: counting
  // them from six million readings took eleven seconds. A chosen source narrows every figure.
  const narrowed = `(@district IS NULL OR c.district = @district)`
  const covered = params.source
    ? `covered_accounts_by_source c WHERE c.source = @source AND ${narrowed}`
    : `covered_accounts c WHERE ${narrowed}`
  const expectedBy = db
    .prepare(
      `SELECT a.district, count(*) AS expected FROM accounts a WHERE a.status = 'active' AND ${filterSql.district}
      AND EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id AND m.status = 'active') GROUP BY a.district`,
    )
    .all(p) as { district: string; expected: number }[]
  const coveredBy = db
    .prepare(`SELECT c.district, c.accounts AS covered FROM ${covered} AND c.period = @period`)
    .all(p) as { district: string; covered: number }[]
  const trendAll = db
    .prepare(
      `SELECT c.period, sum(c.accounts) AS accounts FROM ${covered} AND c.period BETWEEN @from AND @period
      GROUP BY c.period`,
    )
    .all(p) as { period: string; accounts: number }[]
  const trendBySource = db
    .prepare(
      `SELECT c.period, c.source, sum(c.accounts) AS accounts FROM covered_accounts_by_source c
      WHERE ${narrowed} AND (@source IS NULL OR c.source = @source) AND c.period BETWEEN @from AND @period
      GROUP BY c.period, c.source`,
    )
    .all(p) as { period: string; source: string; accounts: number }[]
  const bySource = db
    .prepare(
      `SELECT c.source, sum(c.readings) AS readings, sum(c.accounts) AS accounts
      FROM covered_accounts_by_source c WHERE ${narrowed} AND (@source IS NULL OR c.source = @source)
        AND c.period = @period
      GROUP BY c.source HAVING sum(c.readings) > 0 ORDER BY readings DESC, c.source`,
    )
    .all(p) as { source: string; readings: number; accounts: number }[]

  const expectedIn = new Map(expectedBy.map((row) => [row.district, row.expected]))
  const coveredIn = new Map(coveredBy.map((row) => [row.district, row.covered]))
  const byDistrict = [...new Set([...expectedIn.keys(), ...coveredIn.keys()])]
    .filter((district) => expectedIn.has(district) || (coveredIn.get(district) ?? 0) > 0)
    .sort((a, b) => a.localeCompare(b, 'ru'))
    .map((district) => ({
      district,
      expected: expectedIn.get(district) ?? 0,
      covered: coveredIn.get(district) ?? 0,
    }))
  const expected = byDistrict.reduce((sum, row) => sum + row.expected, 0)
  const periods = Array.from({ length: TREND_PERIODS }, (_, i) => shiftPeriod(p.from, i))
  const sources = [
    ...new Set(trendBySource.filter((row) => row.accounts > 0).map((row) => row.source)),
  ].sort()
  const coveredIn12 = new Map(trendAll.map((row) => [row.period, row.accounts]))
  const coveredNow = coveredIn12.get(params.period) ?? 0
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
              covered: coveredIn12.get(period) ?? 0,
              percent: share(coveredIn12.get(period) ?? 0, expected),
            })),
          ),
        },
      ],
    },
    chart: {
      kind: 'line',
      unit: 'percent',
      title: 'Охват показаниями по периодам, % лицевых счетов',
      labels: periods.map(ruPeriod),
      series: [
        {
          label: 'все источники',
          data: periods.map((period) => share(coveredIn12.get(period) ?? 0, expected)),
        },
        ...sources.map((source) => ({
          label: SOURCE_WORDS[source] ?? source,
          data: periods.map((period) =>
            share(
              trendBySource.find((row) => row.period === period && row.source === source)?.accounts ?? 0,
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
      unit: 'count',
      title: 'Поздние и отмеченные показания',
      labels: ['поздно', 'с отметками'],
      series: [{ label: 'показаний', data: [kinds.late ?? 0, kinds.flagged ?? 0] }],
    },
  }
}

interface SilentLine {
  id: number
  number: string
  surname: string
  firstName: string
  patronymic: string | null
  district: string
  street: string
  house: string
  apartment: string | null
}

/** Silent accounts' details are read this many at a time, as the list or the export reaches them. */
const SILENT_PAGE = 500

const BUCKETS = ['1', '2', '3', '4–6', '7–12', 'больше 12', 'никогда'] as const
const bucketOf = (periods: number | null) =>
  periods === null ? 6 : periods <= 3 ? periods - 1 : periods <= 6 ? 3 : periods <= 12 ? 4 : 5

/**
 * Silent accounts: live accounts with meters and no reading for the period, with how many periods in
 * a row (the fourth moves the charge from the average to the norm), longest silent first.
 */
export function silentReport(db: BetterSqlite3.Database, params: ReportParams): ReportBuild {
  const p = filterParams(params)
  // Which periods an account has readings for is kept by local migration 22: the last one before
  // the period is one seek per account, not one per meter and period. One pass finds the silent
  // accounts in the order they are listed and counts them; their details are read a page at a time.
  const silent = db
    .prepare(
      `SELECT a.id, (SELECT max(h.period) FROM account_reading_periods h WHERE h.account_id = a.id
        AND h.period < @period) AS lastPeriod
      FROM accounts a
      WHERE a.status = 'active' AND ${filterSql.district}
        AND NOT EXISTS (SELECT 1 FROM account_reading_periods h WHERE h.account_id = a.id AND h.period = @period)
        AND EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id AND m.status = 'active')
      ORDER BY lastPeriod IS NOT NULL, lastPeriod, a.number`,
    )
    .raw()
  const index = periodIndex(params.period)
  const periodsWithout = (last: string | null) => (last ? index - periodIndex(last) : null)
  const counts = Array<number>(BUCKETS.length).fill(0)
  const ids: number[] = []
  const lastPeriods: (string | null)[] = []
  for (const [id, lastPeriod] of silent.iterate(p) as Iterable<[number, string | null]>) {
    counts[bucketOf(periodsWithout(lastPeriod))]! += 1
    ids.push(id)
    lastPeriods.push(lastPeriod)
  }
  const details = db.prepare(
    `SELECT a.id, a.number, a.surname, a.first_name AS firstName, a.patronymic, a.district, a.street, a.house,
      a.apartment FROM accounts a WHERE a.id IN (SELECT value FROM json_each(?))`,
  )
  return {
    data: {
      title: `Лицевые счета без показаний за ${ruPeriod(params.period)}`,
      filters: filterLines({ ...params, source: null }, ruPeriod(params.period), SOURCE_WORDS),
      baseName: `Без показаний ${params.period}`,
      sections: [
        {
          title: 'Без показаний',
          count: ids.length,
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
            for (let from = 0; from < ids.length; from += SILENT_PAGE) {
              const page = ids.slice(from, from + SILENT_PAGE)
              const byId = new Map(
                (details.all(JSON.stringify(page)) as SilentLine[]).map((line) => [line.id, line]),
              )
              for (const [n, id] of page.entries()) {
                const line = byId.get(id)!
                const lastPeriod = lastPeriods[from + n] ?? null
                const without = periodsWithout(lastPeriod)
                yield {
                  ...line,
                  lastPeriod,
                  owner: formatOwner(line),
                  address: `${line.street}, д. ${line.house}${line.apartment ? `, кв. ${line.apartment}` : ''}`,
                  periodsWithout: without,
                  charge: without === null || without > 3 ? 'по нормативу' : 'по среднему',
                }
              }
            }
          },
        },
      ],
    },
    chart: {
      kind: 'bar',
      unit: 'count',
      title: 'Сколько периодов подряд без показаний',
      labels: [...BUCKETS],
      series: [{ label: 'лицевых счетов', data: counts }],
    },
  }
}
