import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportFormat } from '@shared/contract'
import { fileSecretBox } from '../src-main/browser-shell/file-secret-box'
import { systemClock } from '../src-main/clock'
import { openLocalCopy } from '../src-main/db/local/local-copy'
import { AppEventBus } from '../src-main/events'
import { ExportJobs } from '../src-main/modules/exports/export-jobs'
import { readingsRegister } from '../src-main/modules/exports/sources/readings-register'

/**
 * One export in a process of its own, as the console's main process makes it: opens the seeded
 * database, writes the readings register, and prints its time and the process's peak resident memory
 * (`tsx bench/export-process.ts DATA_DIR PERIOD csv|xlsx`). Its own process, so the figure is the
 * export's and not what seeding 300,000 accounts left in the bench's heap.
 */
const [dataDir, period, format] = process.argv.slice(2) as [string, string, ExportFormat]
const local = (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local
const scratch = mkdtempSync(join(dataDir, 'export-bench-'))
const jobs = new ExportJobs(scratch, new AppEventBus(), systemClock, () => local.openReader())
const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
const started = performance.now()
const job = jobs.start((reader) => readingsRegister(reader, period), format, 'bench')
const file = await jobs.file(job.jobId, 'bench')
const seconds = (performance.now() - started) / 1000
if (!file) throw new Error(`${format} export did not finish`)
console.log(
  JSON.stringify({
    seconds,
    sizeBytes: file.sizeBytes,
    rssBeforeMb,
    // The kernel's own peak for the process: exact, where sampling could miss a short spike.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
)
jobs.forget(job.jobId)
await local.close()
rmSync(scratch, { recursive: true, force: true })
