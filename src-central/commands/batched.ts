import type pg from 'pg'
import type { CommandOutcome } from '@shared/central/api'
import type { CentralCommandName, CentralPayload } from '@shared/central/commands'
import { EDITABLE_ACCOUNT_FIELDS as ACCOUNT_FIELDS, type EditableAccountField } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import { decideReceipt } from '@shared/domain/readings/reading-receipt'
import { closedPeriods } from './period-closures'
import { APPLIED, raiseConflict, refused, type CentralCommandContext } from './outcome'
import { writeReadings } from './write-readings'
import { rowKey } from '@shared/central/row-keys'

export interface BatchItem<C extends CentralCommandName> {
  payload: CentralPayload<C>
  ctx: CentralCommandContext
}

/**
 * Applies a run of consecutive commands of one kind with a few set-based statements instead of a
 * round trip or two per command: a console coming back from a day offline pushes hundreds at once.
 * Answers exactly what the one-by-one handler would, in order.
 */
export type BatchHandler<C extends CentralCommandName> = (
  client: pg.ClientBase,
  items: BatchItem<C>[],
) => Promise<CommandOutcome[]>

type ContactRow = { id: number } & Record<EditableAccountField, string | null>

/**
 * Contact edits, merged field by field as `updateContacts` does (a field is written when the central
 * value is still the one the clerk saw; another value meanwhile is a conflict). The rows are locked
 * once, the edits folded in order in memory (two edits of one account in a batch see each other), and
 * written back in one statement.
 */
export const updateContactsBatch: BatchHandler<'accounts.updateContacts'> = async (client, items) => {
  const ids = [...new Set(items.map((item) => item.payload.accountId))]
  const { rows } = await client.query<ContactRow>(
    `SELECT id, ${ACCOUNT_FIELDS.join(', ')} FROM accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
    [ids],
  )
  const current = new Map(rows.map((row) => [Number(row.id), row]))
  const written = new Map<number, ContactRow>()
  const outcomes: CommandOutcome[] = []
  for (const { payload, ctx } of items) {
    const row = current.get(payload.accountId)
    if (!row) {
      outcomes.push(refused('NOT_FOUND', { what: 'account' }))
      continue
    }
    let conflicts = 0
    for (const [field, change] of Object.entries(payload.changes) as [
      EditableAccountField,
      { from: string | null; to: string | null },
    ][]) {
      if (row[field] === change.from) {
        row[field] = change.to
        written.set(row.id, row)
      } else if (row[field] !== change.to) {
        conflicts += 1
        await raiseConflict(client, ctx, {
          kind: 'accountField',
          entityKey: rowKey({ entity: 'account', id: payload.accountId }),
          field,
          central: row[field],
          console: change.to,
        })
      }
    }
    outcomes.push(conflicts ? { outcome: 'conflict', detail: { conflicts } } : APPLIED)
  }
  if (written.size)
    await client.query(
      `UPDATE accounts a SET ${ACCOUNT_FIELDS.map((f) => `${f} = v.${f}`).join(', ')}, updated_at = now()
      FROM jsonb_to_recordset($1::jsonb) AS v (id bigint, ${ACCOUNT_FIELDS.map((f) => `${f} text`).join(', ')})
      WHERE a.id = v.id`,
      [JSON.stringify([...written.values()])],
    )
  return outcomes
}

/**
 * Paper and phone forms: every reading of every form through one `writeReadings` call. A form with an
 * unknown meter is refused whole, as one by one (the caller then re-runs the batch command by command,
 * so that the refusal leaves nothing behind).
 */
export const recordReadingsBatch: BatchHandler<'readings.record'> = async (client, items) => {
  // The console's own decision, made again here: the payload's period, late mark and time are not taken.
  const closed = await closedPeriods(client)
  const receipts = items.map(({ payload, ctx }) =>
    decideReceipt(
      payload,
      { role: ctx.staffRole ?? 'operator' },
      moscowDate(new Date(ctx.madeAt)),
      (period) => closed.has(period),
    ),
  )
  const writes = items.flatMap(({ payload, ctx }, i) => {
    const receipt = receipts[i]!
    if ('refusal' in receipt) return []
    return payload.readings.map((reading) => ({
      ctx,
      write: {
        ...reading,
        period: receipt.period,
        receivedAt: receipt.receivedAt,
        source: payload.source,
        late: receipt.late,
      },
    }))
  })
  const results = await writeReadings(client, writes)
  let at = 0
  return items.map(({ payload }, i) => {
    const receipt = receipts[i]!
    if ('refusal' in receipt) {
      const { code, ...params } = receipt.refusal
      return refused(code, params)
    }
    const mine = results.slice(at, (at += payload.readings.length))
    const unknown = mine.indexOf('unknownMeter')
    if (unknown >= 0)
      return refused('NOT_FOUND', { what: 'meter', meterId: payload.readings[unknown]!.meterId })
    const conflicts = mine.filter((r) => r === 'conflict').length
    return conflicts ? { outcome: 'conflict', detail: { conflicts } } : APPLIED
  })
}

export const BATCHED: { [C in CentralCommandName]?: BatchHandler<C> } = {
  'accounts.updateContacts': updateContactsBatch,
  'readings.record': recordReadingsBatch,
}
