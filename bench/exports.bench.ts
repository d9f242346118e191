import { spawn } from 'node:child_process'
import type { LocalDatabase } from '../src-main/db/local/data-source'
import { readingsRegister } from '../src-main/modules/exports/sources/readings-register'
import { coverageReport, lateFlaggedReport, silentReport } from '../src-main/modules/reports/readings-reports'
import type { ReportBuild } from '../src-main/modules/reports/report-build'
import { registrationsReport, requestsQuestionsReport } from '../src-main/modules/reports/work-reports'
import { round } from './stats'

interface ExportRun {
  seconds: number
  sizeBytes: number
  rssBeforeMb: number
  peakRssMb: number
}

/** The readings register written by a process of its own (bench/export-process.ts), and what it measured. */
async function exportInItsOwnProcess(dataDir: string, period: string, format: 'csv' | 'xlsx') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/export-process.ts', dataDir, period, format],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`the ${format} export process exited with ${code}`)
  return JSON.parse(out.trim().split('\n').pop()!) as ExportRun
}

/**
 * Exports on the seeded console (docs/business-rules.md#reports-exports-and-the-audit-trail):
 * the readings register of the last seeded period as XLSX and as CSV, timed, with the process's peak
 * memory; and each report's query and first page on 300,000 accounts × 24 periods.
 */
export async function exportsBench(local: LocalDatabase, dataDir: string, period: string): Promise<object[]> {
  const results: object[] = []
  // The writer's pages reach the file before another process reads it.
  local.sql.pragma('wal_checkpoint(PASSIVE)')
  for (const format of ['csv', 'xlsx'] as const) {
    const measured = await exportInItsOwnProcess(dataDir, period, format)
    const rows = readingsRegister(local.sql, period).sections.reduce((sum, s) => sum + s.count, 0)
    results.push({
      name: `readings register ${period} as ${format.toUpperCase()} (${rows} rows), in a process of its own`,
      rows,
      seconds: round(measured.seconds),
      rowsPerSecond: Math.round(rows / measured.seconds),
      fileMb: round(measured.sizeBytes / 1024 / 1024),
      peakRssMb: measured.peakRssMb,
      rssBeforeMb: measured.rssBeforeMb,
      target: format === 'xlsx' ? 'under 20 s and under 300 MB' : 'under 30 s and under 300 MB',
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
