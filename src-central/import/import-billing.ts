import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { z } from 'zod'
import type { BillingFile } from './billing-file'
import { rowProblem } from './billing-rows'
import { accountsFile } from './files/accounts-file'
import { chargesFile } from './files/charges-file'
import { metersFile } from './files/meters-file'
import { paymentsFile } from './files/payments-file'
import { readRows, UnreadableFile } from './read-rows'

export interface RejectedRow {
  file: string
  line: number
  reason: string
}

export interface FileReport {
  file: string
  /** Why nothing of the file was taken (not UTF-8, no header); null when it was read. */
  refused: string | null
  read: number
  added: number
  updated: number
  /** Accounts closed or meters removed because a full export no longer lists them. */
  closed: number
  rejected: RejectedRow[]
}

/** In the order they are applied: the others name accounts. */
const FILES = [accountsFile, metersFile, chargesFile, paymentsFile] as const

/**
 * Applies a billing export folder to the central database as a delta (docs/billing-import.md):
 * `accounts`, then `meters`, `charges` and `payments` (each `.csv` or `.xlsx`), each in one transaction. New rows are added, changed
 * rows updated (the change feed carries both to the consoles), and with `full` the rows a complete
 * export no longer lists are closed or removed, never deleted. Bad rows are reported by file, line
 * and reason and skipped; a file that cannot be read at all changes nothing.
 */
export async function importBilling(
  pool: pg.Pool,
  dir: string,
  options: { full: boolean },
): Promise<FileReport[]> {
  const reports: FileReport[] = []
  for (const file of FILES) {
    const path = ['csv', 'xlsx'].map((ext) => join(dir, `${file.name}.${ext}`)).find((p) => existsSync(p))
    if (path) reports.push(await importFile(pool, file as BillingFile<z.ZodType>, path, options.full))
  }
  return reports
}

async function importFile(
  pool: pg.Pool,
  file: BillingFile<z.ZodType>,
  path: string,
  full: boolean,
): Promise<FileReport> {
  const name = path.split(/[\\/]/).pop()!
  const report: FileReport = {
    file: name,
    refused: null,
    read: 0,
    added: 0,
    updated: 0,
    closed: 0,
    rejected: [],
  }
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query(
      `CREATE TEMP TABLE import_rows (line integer NOT NULL, ${file.columns
        .map(([name, type]) => `${name} ${type}`)
        .join(', ')}) ON COMMIT DROP`,
    )
    const names = file.columns.map(([name]) => name).join(', ')
    const copy = client.query(copyFrom(`COPY import_rows (line, ${names}) FROM STDIN`))
    const seen = new Map<string, number>()
    try {
      for await (const row of readRows(path)) {
        report.read += 1
        if ('problem' in row) {
          report.rejected.push({ file: name, line: row.line, reason: row.problem })
          continue
        }
        const parsed = file.schema.safeParse(row.values)
        if (!parsed.success) {
          report.rejected.push({ file: name, line: row.line, reason: rowProblem(parsed.error) })
          continue
        }
        const key = file.key(parsed.data)
        const first = seen.get(key)
        if (first !== undefined) {
          report.rejected.push({ file: name, line: row.line, reason: `повторяет строку ${first}` })
          continue
        }
        seen.set(key, row.line)
        if (!copy.write(copyLine([row.line, ...file.toColumns(parsed.data)])))
          await new Promise((resolve) => copy.once('drain', resolve))
      }
    } finally {
      await new Promise<void>((resolve, reject) => {
        copy.once('finish', resolve)
        copy.once('error', reject)
        copy.end()
      })
    }
    for (const refusal of await file.refuseInDatabase(client))
      report.rejected.push({ file: name, ...refusal })
    Object.assign(report, await file.merge(client, full))
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (!(error instanceof UnreadableFile)) throw error
    Object.assign(report, { refused: error.message, added: 0, updated: 0, closed: 0, rejected: [] })
  } finally {
    client.release()
  }
  report.rejected.sort((a, b) => a.line - b.line)
  return report
}

/** One line of COPY's text format: tab-separated, `\N` for null, backslash escapes. */
function copyLine(values: (string | number | null)[]): string {
  return (
    values
      .map((v) =>
        v === null
          ? '\\N'
          : String(v)
              .replace(/\\/g, '\\\\')
              .replace(/\t/g, '\\t')
              .replace(/\n/g, '\\n')
              .replace(/\r/g, '\\r'),
      )
      .join('\t') + '\n'
  )
}
