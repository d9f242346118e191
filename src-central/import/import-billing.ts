import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { z } from 'zod'
import { billingAccountRow, billingMeterRow, rowProblem } from './billing-rows'
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

interface BillingFile<S extends z.ZodType> {
  name: string
  schema: S
  /** The staging table's columns, in COPY order, after `line`. */
  columns: string[]
  toColumns(row: z.output<S>): (string | number | null)[]
  /** The row's identity in the file: a second row with the same key is refused. */
  key(row: z.output<S>): string
  /** Answers the lines it refused, with the reason, and leaves only good rows in the staging table. */
  refuseInDatabase(client: pg.ClientBase): Promise<{ line: number; reason: string }[]>
  merge(client: pg.ClientBase, full: boolean): Promise<{ added: number; updated: number; closed: number }>
}

const ACCOUNT_FIELDS = [
  'eirc_number',
  'surname',
  'first_name',
  'patronymic',
  'district',
  'street',
  'house',
  'building',
  'apartment',
  'phone',
  'email',
  'house_type',
  'status',
  'opened_on',
  'closed_on',
]

const accountsFile: BillingFile<typeof billingAccountRow> = {
  name: 'accounts',
  schema: billingAccountRow,
  columns: ['number', ...ACCOUNT_FIELDS],
  toColumns: (r) => [
    r.account_number,
    r.eirc_number,
    r.surname,
    r.first_name,
    r.patronymic,
    r.district,
    r.street,
    r.house,
    r.building,
    r.apartment,
    r.phone,
    r.email,
    r.house_type,
    r.closed_on ? 'closed' : 'active',
    r.opened_on,
    r.closed_on,
  ],
  key: (r) => r.account_number,
  async refuseInDatabase(client) {
    const { rows } = await client.query<{ line: number; other: string }>(
      `DELETE FROM import_rows s USING accounts a
      WHERE a.eirc_number = s.eirc_number AND a.number <> s.number RETURNING s.line, a.number AS other`,
    )
    return rows.map((r) => ({
      line: r.line,
      reason: `eirc_number: этот номер ЕИРЦ у лицевого счёта ${r.other}`,
    }))
  },
  async merge(client, full) {
    const changed = ACCOUNT_FIELDS.map((c) => `a.${c}`).join(', ')
    const incoming = ACCOUNT_FIELDS.map((c) => `s.${c}`).join(', ')
    // Billing is the master of what it exports: a row differing in any exported field is updated,
    // an identical one is left alone (so a second run of the same files changes nothing).
    const updated = await client.query(
      `UPDATE accounts a SET ${ACCOUNT_FIELDS.map((c) => `${c} = s.${c}`).join(', ')}, updated_at = now()
      FROM import_rows s WHERE a.number = s.number AND (${changed}) IS DISTINCT FROM (${incoming})`,
    )
    await client.query(
      `SELECT setval('accounts_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM accounts), false)`,
    )
    const added = await client.query(
      `INSERT INTO accounts (number, ${ACCOUNT_FIELDS.join(', ')})
      SELECT s.number, ${incoming} FROM import_rows s
      WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.number = s.number) ORDER BY s.line`,
    )
    const closed = full
      ? await client.query(
          `UPDATE accounts a SET status = 'closed', closed_on = current_date, updated_at = now()
          WHERE a.status = 'active' AND NOT EXISTS (SELECT 1 FROM import_rows s WHERE s.number = a.number)`,
        )
      : { rowCount: 0 }
    return { added: added.rowCount ?? 0, updated: updated.rowCount ?? 0, closed: closed.rowCount ?? 0 }
  },
}

const METER_FIELDS = ['place', 'installed_on', 'verification_due', 'digits', 'status', 'removed_on']

const metersFile: BillingFile<typeof billingMeterRow> = {
  name: 'meters',
  schema: billingMeterRow,
  columns: ['account_number', 'serial', ...METER_FIELDS],
  toColumns: (r) => [
    r.account_number,
    r.serial,
    r.place,
    r.installed_on,
    r.verification_due,
    r.digits,
    r.removed_on ? 'removed' : 'active',
    r.removed_on,
  ],
  key: (r) => `${r.account_number}\u0000${r.serial}`,
  async refuseInDatabase(client) {
    const { rows } = await client.query<{ line: number; account_number: string }>(
      `DELETE FROM import_rows s WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.number = s.account_number)
      RETURNING s.line, s.account_number`,
    )
    return rows.map((r) => ({
      line: r.line,
      reason: `account_number: лицевого счёта ${r.account_number} нет ни в базе, ни в выгрузке`,
    }))
  },
  async merge(client, full) {
    const changed = METER_FIELDS.map((c) => `m.${c}`).join(', ')
    const incoming = METER_FIELDS.map((c) => `s.${c}`).join(', ')
    await client.query(`ALTER TABLE import_rows ADD COLUMN account_id bigint`)
    await client.query(
      `UPDATE import_rows s SET account_id = a.id FROM accounts a WHERE a.number = s.account_number`,
    )
    const updated = await client.query(
      `UPDATE meters m SET ${METER_FIELDS.map((c) => `${c} = s.${c}`).join(', ')}
      FROM import_rows s WHERE m.account_id = s.account_id AND m.serial = s.serial
      AND (${changed}) IS DISTINCT FROM (${incoming})`,
    )
    await client.query(`SELECT setval('meters_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM meters), false)`)
    const added = await client.query(
      `INSERT INTO meters (account_id, serial, ${METER_FIELDS.join(', ')})
      SELECT s.account_id, s.serial, ${incoming} FROM import_rows s
      WHERE NOT EXISTS (SELECT 1 FROM meters m WHERE m.account_id = s.account_id AND m.serial = s.serial)
      ORDER BY s.line`,
    )
    const closed = full
      ? await client.query(
          `UPDATE meters m SET status = 'removed', removed_on = current_date
          WHERE m.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM import_rows s WHERE s.account_id = m.account_id AND s.serial = m.serial)`,
        )
      : { rowCount: 0 }
    return { added: added.rowCount ?? 0, updated: updated.rowCount ?? 0, closed: closed.rowCount ?? 0 }
  },
}

/** In the order they are applied: meters name accounts. */
const FILES = [accountsFile, metersFile] as const

/**
 * Applies a billing export folder to the central database as a delta (docs/billing-import.md):
 * `accounts.csv|xlsx`, then `meters.csv|xlsx`, each in one transaction. New rows are added, changed
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
        .map((c) => `${c} ${columnType(c)}`)
        .join(', ')}) ON COMMIT DROP`,
    )
    const copy = client.query(copyFrom(`COPY import_rows (line, ${file.columns.join(', ')}) FROM STDIN`))
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

function columnType(column: string): string {
  if (/_on$|verification_due/.test(column)) return 'date'
  if (column === 'digits') return 'integer'
  return 'text'
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
