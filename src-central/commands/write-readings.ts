import type pg from 'pg'
import type { ConflictingReading } from '@shared/central/conflicting-reading'
import { rowKey } from '@shared/central/row-keys'
import { raiseConflict, type CentralCommandContext } from './outcome'
import { assignPeriod } from '@shared/domain/billing-period'

export interface ReadingWrite {
  meterId: number
  period: string
  valueMilli: number
  receivedAt: string
  source: string
  late: boolean
  flags: string[]
  /** The value the console replaced for the period (null: it saw none). */
  replacedMilli: number | null
  replaceReason: string | null
}

export type WriteResult = 'written' | 'unchanged' | 'conflict' | 'unknownMeter'

interface Pending {
  write: ReadingWrite
  ctx: CentralCommandContext
  index: number
}

const keyOf = (w: { meterId: number; period: string }) => `${w.meterId}:${w.period}`

/**
 * Meter readings, each for its meter and period (docs/business-rules.md#meter-readings;
 * docs/central-service.md). A reading is written when the period has none, or when it still holds the value
 * the console replaced (with a reason). Another value there means two people recorded different readings for
 * one meter and period: a conflict a supervisor resolves, and the central value stays meanwhile. The
 * callers have placed each write in its period already, closed periods considered.
 *
 * Set-based, so a batch of forms costs a few statements: the meters and the existing readings are
 * read (and locked, in key order) once, the writes folded in order in memory (a later form in the
 * batch sees an earlier one), and written with one UPDATE and one INSERT. A reading another
 * transaction inserted after our look (no row to lock then) is caught by the INSERT's `ON CONFLICT
 * DO NOTHING` and becomes a conflict, never a silent overwrite.
 */
export async function writeReadings(
  client: pg.ClientBase,
  items: { write: ReadingWrite; ctx: CentralCommandContext }[],
): Promise<WriteResult[]> {
  const meterIds = [...new Set(items.map((item) => item.write.meterId))]
  const meters = await client.query<{ id: number }>(
    `SELECT id FROM meters WHERE id = ANY($1::bigint[]) ORDER BY id FOR SHARE`,
    [meterIds],
  )
  const known = new Set(meters.rows.map((row) => Number(row.id)))
  const keys = [...new Map(items.map(({ write }) => [keyOf(write), write])).values()]
  const existing = await client.query<{ meter_id: number; period: string; value_milli: number }>(
    `SELECT r.meter_id, r.period, r.value_milli FROM readings r
    JOIN unnest($1::bigint[], $2::text[]) AS k (meter_id, period) ON r.meter_id = k.meter_id AND r.period = k.period
    ORDER BY r.meter_id, r.period FOR UPDATE OF r`,
    [keys.map((k) => k.meterId), keys.map((k) => k.period)],
  )
  const inDatabase = new Set(existing.rows.map((r) => `${r.meter_id}:${r.period}`))
  const current = new Map(existing.rows.map((r) => [`${r.meter_id}:${r.period}`, Number(r.value_milli)]))
  const results: WriteResult[] = []
  const last = new Map<string, Pending>()
  for (const [index, { write, ctx }] of items.entries()) {
    if (!known.has(write.meterId)) {
      results.push('unknownMeter')
      continue
    }
    const key = keyOf(write)
    const value = current.get(key) ?? null
    if (value === write.valueMilli) {
      results.push('unchanged')
      continue
    }
    if (value !== null && value !== write.replacedMilli) {
      await conflict(client, ctx, write, value)
      results.push('conflict')
      continue
    }
    current.set(key, write.valueMilli)
    last.set(key, { write, ctx, index })
    results.push('written')
  }
  const rows = (pending: Pending[]) =>
    JSON.stringify(
      pending.map(({ write, ctx }) => ({
        meter_id: write.meterId,
        period: write.period,
        value_milli: write.valueMilli,
        received_at: write.receivedAt,
        source: write.source,
        late: write.late,
        flags: write.flags.length ? write.flags : null,
        entered_by: ctx.staffLogin,
      })),
    )
  const columns = `meter_id bigint, period text, value_milli bigint, received_at timestamptz, source text,
    late boolean, flags jsonb, entered_by text`
  const replacing = [...last.entries()].filter(([key]) => inDatabase.has(key)).map(([, p]) => p)
  const inserting = [...last.entries()].filter(([key]) => !inDatabase.has(key)).map(([, p]) => p)
  if (replacing.length)
    await client.query(
      `UPDATE readings r SET value_milli = v.value_milli, received_at = v.received_at, source = v.source,
        late = v.late, flags = v.flags, entered_by = v.entered_by, overridden_by = NULL, override_reason = NULL
      FROM jsonb_to_recordset($1::jsonb) AS v (${columns})
      WHERE r.meter_id = v.meter_id AND r.period = v.period`,
      [rows(replacing)],
    )
  if (inserting.length) {
    const inserted = await client.query<{ meter_id: number; period: string }>(
      `INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, flags, entered_by)
      SELECT meter_id, period, value_milli, received_at, source, late, flags, entered_by
      FROM jsonb_to_recordset($1::jsonb) AS v (${columns})
      ON CONFLICT (meter_id, period) DO NOTHING RETURNING meter_id, period`,
      [rows(inserting)],
    )
    const landed = new Set(inserted.rows.map((r) => `${r.meter_id}:${r.period}`))
    for (const pending of inserting) {
      if (landed.has(keyOf(pending.write))) continue
      // Another console's reading for this meter and period committed after our look.
      const { rows: now } = await client.query<{ value_milli: number }>(
        `SELECT value_milli FROM readings WHERE meter_id = $1 AND period = $2 FOR UPDATE`,
        [pending.write.meterId, pending.write.period],
      )
      const value = Number(now[0]!.value_milli)
      if (value === pending.write.valueMilli) results[pending.index] = 'unchanged'
      else {
        await conflict(client, pending.ctx, pending.write, value)
        results[pending.index] = 'conflict'
      }
    }
  }
  return results
}

function conflict(client: pg.ClientBase, ctx: CentralCommandContext, write: ReadingWrite, central: number) {
  const console: ConflictingReading = {
    valueMilli: write.valueMilli,
    source: write.source,
    replaceReason: write.replaceReason,
    receivedAt: write.receivedAt,
    late: write.late,
    flags: write.flags,
    // A late reading is one whose own period was closed: the period its receipt meant it for.
    movedFrom: write.late ? assignPeriod(new Date(write.receivedAt)).period : null,
  }
  return raiseConflict(client, ctx, {
    kind: 'readingValue',
    entityKey: rowKey({ entity: 'reading', meterId: write.meterId, period: write.period }),
    central: { valueMilli: central },
    console,
  })
}
