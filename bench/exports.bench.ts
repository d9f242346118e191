import type { LocalDatabase } from '../src-main/db/local/data-source'
import { systemClock } from '../src-main/clock'
import { AppEventBus } from '../src-main/events'
import { ExportJobs } from '../src-main/modules/exports/export-jobs'
import { readingsRegister } from '../src-main/modules/exports/sources/readings-register'
import { coverageReport, lateFlaggedReport, silentReport } from '../src-main/modules/reports/readings-reports'
import type { ReportBuild } from '../src-main/modules/reports/report-build'
import { registrationsReport, requestsQuestionsReport } from '../src-main/modules/reports/work-reports'
import { round } from './stats'

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function withPeakMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number; seconds: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const started = performance.now()
  const result = await work()
  const seconds = (performance.now() - started) / 1000
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { result, peakMb: Math.round(peak / 1024 / 1024), seconds }
}

/**
 * Exports on the seeded console (docs/business-rules.md#reports-exports-and-the-audit-trail):
 * the readings register of the last seeded period as XLSX and as CSV, timed, with the process's peak
 * memory; and each report's query and first page on 300,000 accounts × 24 periods.
 */
export async function exportsBench(local: LocalDatabase, dataDir: string, period: string): Promise<object[]> {
  const jobs = new ExportJobs(dataDir, new AppEventBus(), systemClock, () => local.openReader())
  const results: object[] = []
  for (const format of ['csv', 'xlsx'] as const) {
    global.gc?.()
    const baseline = Math.round(process.memoryUsage().rss / 1024 / 1024)
    const measured = await withPeakMemory(async () => {
      const started = jobs.start((reader) => readingsRegister(reader, period), format, 'bench')
      const file = await jobs.file(started.jobId, 'bench')
      if (!file) throw new Error(`${format} export did not finish`)
      jobs.forget(started.jobId)
      return file
    })
    const rows = readingsRegister(local.sql, period).sections.reduce((sum, s) => sum + s.count, 0)
    results.push({
      name: `readings register ${period} as ${format.toUpperCase()} (${rows} rows)`,
      rows,
      seconds: round(measured.seconds),
      rowsPerSecond: Math.round(rows / measured.seconds),
      fileMb: round(measured.result.sizeBytes / 1024 / 1024),
      peakRssMb: measured.peakMb,
      rssBeforeMb: baseline,
      target: 'under 30 s and under 300 MB',
    })
  }
  const reports: [string, () => ReportBuild][] = [
    ['coverage (12-period trend)', () => coverageReport(local.sql, { period, district: null, source: null })],
    ['late and flagged', () => lateFlaggedReport(local.sql, { period, district: null, source: null })],
    ['silent accounts', () => silentReport(local.sql, { period, district: null, source: null })],
    ['registrations', () => registrationsReport(local.sql, { period, district: null, source: null })],
    [
      'requests and questions',
      () => requestsQuestionsReport(local.sql, { period, district: null, source: null }, new Date()),
    ],
  ]
  const timings: Record<string, number> = {}
  for (const [name, build] of reports) {
    const started = performance.now()
    const made = build()
    // As the screen asks for it: the first 500 rows of each section.
    for (const section of made.data.sections) {
      const rows = section.rows()[Symbol.iterator]()
      for (let n = 0; n < 500 && !rows.next().done; n++);
      rows.return?.()
    }
    timings[name] = round((performance.now() - started) / 1000)
  }
  results.push({
    name: 'each report on the seeded accounts, query and first page (s)',
    ...timings,
    target: 'under 1 s each',
  })
  return results
}
