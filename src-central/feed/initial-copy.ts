import pg from 'pg'
import type { InitialPageAnswer, InitialStartAnswer } from '@shared/central/api'
import { SYNCED_TABLES } from '@shared/central/table-catalogue'
import { shiftPeriod } from '@shared/domain/period'
import { feedSafePoint } from './change-feed'
import { speaksOldNames, spokenColumn, spokenTable } from './old-feed-names'
import { visibleRow } from './visible-rows'

interface CopyStep {
  table: string
  key: readonly string[]
  where: string
  /** The columns read, where not all of them (a document's bytes). */
  columns?: string
}

/**
 * What a fresh console copies, in the catalogue's order (parents first, open work queues last), each
 * table by its key, within its copy window (`shared/central/table-catalogue.ts`).
 */
const STEPS: readonly CopyStep[] = SYNCED_TABLES.map((table) => ({
  table: table.central,
  key: table.key,
  where: table.copyWhere,
  ...('copyColumns' in table ? { columns: table.copyColumns } : {}),
}))

/**
 * A first copy moves millions of timestamps: they go out as the ISO text the console stores, cut
 * from PostgreSQL's UTC text, instead of being parsed into Dates here and printed again.
 */
const ISO_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMPTZ
      ? isoFromUtcText
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** '2026-11-25 10:00:00.123456+00' → '2026-11-25T10:00:00.123Z' (milliseconds, as Date would give). */
export function isoFromUtcText(text: string): string {
  const utc = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/.exec(text)
  if (!utc) return new Date(text).toISOString()
  return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`
}

/**
 * Where a fresh console's copy starts (docs/central-service.md): the feed position taken before the copy, so
 * rows changed during it come again through the feed; the last 13 periods of readings, charges and payments;
 * the row total for the progress bar.
 */
export async function startInitialCopy(pool: pg.Pool, currentPeriod: string): Promise<InitialStartAnswer> {
  const fromPeriod = shiftPeriod(currentPeriod, -12)
  const start = await feedSafePoint(pool)
  let total = 0
  for (const step of STEPS) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${step.table} WHERE ${step.where.replace('$fromPeriod', '$1')}`,
      step.where.includes('$fromPeriod') ? [fromPeriod] : [],
    )
    total += rows[0]!.n
  }
  return { start, fromPeriod, total, steps: STEPS.length }
}

/** One keyset page of one step: rows after `after` (the last key the console has), in key order. */
export async function readInitialPage(
  pool: pg.Pool,
  request: {
    step: number
    fromPeriod: string
    after: (string | number)[] | null
    limit: number
    /** Absent from a console that predates the questions' one name (`old-feed-names.ts`). */
    names?: number
  },
): Promise<InitialPageAnswer> {
  const step = STEPS[request.step]
  if (!step) return { table: '', key: [], columns: [], rows: [] }
  const params: unknown[] = [request.limit]
  const conditions = [step.where.replace('$fromPeriod', '$2')]
  if (step.where.includes('$fromPeriod')) params.push(request.fromPeriod)
  if (request.after) {
    const placeholders = request.after.slice(0, step.key.length).map((value) => {
      params.push(value)
      return `$${params.length}`
    })
    conditions.push(`(${step.key.join(', ')}) > (${placeholders.join(', ')})`)
  }
  const { rows, fields } = await pool.query<unknown[]>({
    text: `SELECT ${step.columns ?? '*'} FROM ${step.table} WHERE ${conditions.join(' AND ')} ORDER BY ${step.key.join(', ')} LIMIT $1`,
    values: params,
    types: ISO_TIMESTAMPS,
    rowMode: 'array',
  })
  // Columns a console may not see (a staff password hash) never leave the service.
  const names = fields.map((field) => field.name)
  const visible = Object.keys(visibleRow(step.table, Object.fromEntries(names.map((n) => [n, null]))))
  const keep = names.flatMap((name, i) => (visible.includes(name) ? [i] : []))
  const oldNames = speaksOldNames(request)
  const spoken = (column: string) => spokenColumn(column, oldNames)
  return {
    table: spokenTable(step.table, oldNames),
    key: step.key.map(spoken),
    columns: keep.map((i) => spoken(names[i]!)),
    rows: keep.length === names.length ? rows : rows.map((row) => keep.map((i) => row[i])),
  }
}
