import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { ExportFormat, ExportProgress } from '@shared/contract'
import type { Clock } from '../../clock'
import type { AppEventBus } from '../../events'
import type { ExportData } from './export-source'
import { writeCsv } from './write-csv'
import { writePdf } from './write-pdf'
import { writeXlsx } from './write-xlsx'

interface Job {
  id: string
  staffLogin: string
  fileName: string
  path: string
  state: ExportProgress['state']
  cancelled: boolean
  finished: Promise<boolean>
}

const MEDIA: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

/**
 * Exports run in the background of the main process
 * (docs/business-rules.md#reports-exports-and-the-audit-trail): each writes a file in the console's own
 * folder, reports its progress as an event, and waits there until the person saves it (Electron's save
 * dialog) or downloads it (the browser shell); a cancelled or failed one leaves no file.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>()
  private readonly folder: string

  constructor(
    dataDir: string,
    private readonly events: AppEventBus,
    private readonly clock: Clock,
    private readonly openReader: () => BetterSqlite3.Database,
  ) {
    this.folder = join(dataDir, 'exports')
    // What an earlier run left (a crash mid-export) is nobody's any more.
    rmSync(this.folder, { recursive: true, force: true })
    mkdirSync(this.folder, { recursive: true, mode: 0o700 })
  }

  /**
   * `source` reads the export's rows from its own read-only connection, opened for the job and closed
   * with it, so the console's writes go on while the file is written.
   */
  start(
    source: (reader: BetterSqlite3.Database) => ExportData,
    format: ExportFormat,
    staffLogin: string,
  ): { jobId: string; fileName: string } {
    const reader = this.openReader()
    let data: ExportData
    try {
      data = source(reader)
    } catch (error) {
      reader.close()
      throw error
    }
    const id = randomUUID()
    const fileName = `${data.baseName}.${format}`
    const path = join(this.folder, `${id}.${format}`)
    const total = data.sections.reduce((sum, s) => sum + s.count, 0)
    const job: Job = {
      id,
      staffLogin,
      fileName,
      path,
      state: 'running',
      cancelled: false,
      finished: Promise.resolve(false),
    }
    const report = (written: number) => {
      this.events.emit('export.progress', { jobId: id, written, total, state: job.state, fileName })
      return !job.cancelled
    }
    const write = format === 'csv' ? writeCsv : format === 'xlsx' ? writeXlsx : writePdf
    job.finished = (async () => {
      // Started on the next turn: the caller has the job's id before the first progress event.
      await new Promise((resolve) => setImmediate(resolve))
      try {
        const complete = await write(data, path, report, this.clock.now())
        job.state = complete ? 'done' : 'cancelled'
      } catch {
        job.state = 'failed'
      } finally {
        reader.close()
      }
      if (job.state !== 'done') rmSync(path, { force: true })
      report(job.state === 'done' ? total : 0)
      return job.state === 'done'
    })()
    this.jobs.set(id, job)
    return { jobId: id, fileName }
  }

  /** How the job ended, once it has (its owner only); null for a job this console does not know. */
  async outcome(jobId: string, staffLogin: string) {
    const job = this.jobs.get(jobId)
    if (!job || job.staffLogin !== staffLogin) return null
    await job.finished
    return { state: job.state as 'done' | 'cancelled' | 'failed', fileName: job.fileName }
  }

  cancel(jobId: string, staffLogin: string): void {
    const job = this.jobs.get(jobId)
    if (job && job.staffLogin === staffLogin) job.cancelled = true
  }

  /** Waits for the job; the finished file (its owner only), or null when it did not finish. */
  async file(jobId: string, staffLogin: string | null) {
    const job = this.jobs.get(jobId)
    if (!job || (staffLogin !== null && job.staffLogin !== staffLogin)) return null
    if (!(await job.finished)) return null
    const format = job.path.slice(job.path.lastIndexOf('.') + 1) as ExportFormat
    return {
      path: job.path,
      fileName: job.fileName,
      mediaType: MEDIA[format],
      sizeBytes: statSync(job.path).size,
    }
  }

  /** The file has been saved or downloaded: it leaves the console's folder. */
  forget(jobId: string): void {
    const job = this.jobs.get(jobId)
    if (!job) return
    rmSync(job.path, { force: true })
    this.jobs.delete(jobId)
  }
}
