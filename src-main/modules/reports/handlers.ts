import type BetterSqlite3 from 'better-sqlite3'
import type { ReportName, ReportParams, ReportResult, reportsChannels } from '@shared/contract'
import type { Handlers } from '../../router'
import type { Session } from '../auth/sessions'
import type { ModuleDeps } from '../deps'
import type { ExportJobs } from '../exports/export-jobs'
import { coverageReport, lateFlaggedReport, silentReport } from './readings-reports'
import type { ReportBuild } from './report-build'
import { staffReport } from './staff-report'
import { registrationsReport, requestsQuestionsReport } from './work-reports'

/** Rows of a section the screen shows; the export writes them all. */
const SHOWN_ROWS = 500

/** Supervisors' reports (docs/business-rules.md#reports-exports-and-the-audit-trail): each a table, a chart and an export. */
export function reportsHandlers(deps: ModuleDeps, jobs: ExportJobs): Handlers<keyof typeof reportsChannels> {
  const main = deps.local.sql
  const build = (
    db: BetterSqlite3.Database,
    report: ReportName,
    params: ReportParams,
    session: Session,
  ): ReportBuild | Promise<ReportBuild> => {
    switch (report) {
      case 'coverage':
        return coverageReport(db, params)
      case 'lateFlagged':
        return lateFlaggedReport(db, params)
      case 'silent':
        return silentReport(db, params)
      case 'registrations':
        return registrationsReport(db, params)
      case 'requestsQuestions':
        return requestsQuestionsReport(db, params, deps.clock.now())
      case 'staff':
        return staffReport(deps, session, params)
    }
  }
  const districts = main.prepare(`SELECT DISTINCT district FROM accounts ORDER BY district`).pluck()

  return {
    'reports.run': async (input, { session }): Promise<ReportResult> => {
      const made = await build(main, input.report, input.params, session)
      return {
        title: made.data.title,
        filters: made.data.filters,
        sections: made.data.sections.map((section) => {
          const rows: Record<string, unknown>[] = []
          for (const row of section.rows()) {
            rows.push(row)
            if (rows.length === SHOWN_ROWS) break
          }
          return { title: section.title, columns: section.columns, rows, count: section.count }
        }),
        chart: made.chart,
        districts: districts.all() as string[],
      }
    },
    'reports.export': async (input, { session }) => {
      // The staff report comes from the central service; the others are read by the export's own connection.
      if (input.report === 'staff') {
        const made = await staffReport(deps, session, input.params)
        return jobs.start(() => made.data, input.format, session.staff.login)
      }
      return jobs.start(
        (reader) => (build(reader, input.report, input.params, session) as ReportBuild).data,
        input.format,
        session.staff.login,
      )
    },
  }
}
