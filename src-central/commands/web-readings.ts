import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { assignPeriod } from '@shared/domain/billing-period'
import {
  decideWebCheck,
  decideWebReview,
  evaluateWebReading,
  meterPast,
  RECENT_PERIODS,
  webReadingFlags,
  type WebReadingEvaluation,
} from '@shared/domain/readings/web-reading-check'
import { APPLIED, refused, staffName, type CentralCommandContext, type CentralHandlers } from './outcome'
import { closedPeriods } from './period-closures'
import { writeReadings } from './write-readings'

interface PortalReadingRow {
  account_number: string
  meter_serial: string
  value_text: string
  submitted_at: Date
  state: 'new' | 'accepted' | 'review' | 'rejected'
  decided_by: string | null
  decided_at: Date | null
}

/**
 * The web reading, locked, and what `evaluateWebReading` makes of it on the central data: the value
 * is always the subscriber's text read by the shared rules, whatever the console reported
 * (docs/central-service.md#one-rule-on-both-sides).
 */
async function loadAndEvaluate(
  client: pg.ClientBase,
  webReadingId: number,
): Promise<{ row: PortalReadingRow; evaluation: WebReadingEvaluation } | null> {
  const { rows } = await client.query<PortalReadingRow>(
    `SELECT account_number, meter_serial, value_text, submitted_at, state, decided_by, decided_at
    FROM portal_readings WHERE id = $1 FOR UPDATE`,
    [webReadingId],
  )
  const row = rows[0]
  if (!row) return null
  const closed = await closedPeriods(client)
  const assigned = assignPeriod(row.submitted_at, (period) => closed.has(period))
  const { rows: accounts } = await client.query<{
    id: string
    status: 'active' | 'closed'
    house_type: 'mkd' | 'private'
  }>(`SELECT id, status, house_type FROM accounts WHERE number = $1`, [row.account_number])
  const account = accounts[0]
  const { rows: meters } = account
    ? await client.query<{
        id: string
        digits: number
        status: 'active' | 'removed'
        verification_due: string
        initial_value_milli: string | null
      }>(
        // A verified meter keeps its serial: the one in service answers, not the row it replaced.
        `SELECT id, digits, status, verification_due::text, initial_value_milli::text FROM meters
        WHERE account_id = $1 AND serial = $2 ORDER BY status = 'active' DESC, id DESC LIMIT 1`,
        [account.id, row.meter_serial],
      )
    : { rows: [] }
  const meter = meters[0] ? { ...meters[0], id: Number(meters[0].id) } : null
  let past = null
  if (meter) {
    const { rows: readings } = await client.query<{ period: string; value_milli: string }>(
      `SELECT period, value_milli::text FROM readings WHERE meter_id = $1 AND period <= $2
      ORDER BY period DESC LIMIT ${RECENT_PERIODS + 2}`,
      [meter.id, assigned.period],
    )
    const existing = readings[0]?.period.trim() === assigned.period ? Number(readings[0].value_milli) : null
    const before = readings
      .filter((r) => r.period.trim() !== assigned.period)
      .slice(0, RECENT_PERIODS + 1)
      .map((r) => ({ period: r.period.trim(), valueMilli: Number(r.value_milli) }))
    const initial =
      before.length || meter.initial_value_milli === null ? null : Number(meter.initial_value_milli)
    past = meterPast(before, existing, meter.digits, initial)
  }
  const evaluation = evaluateWebReading({
    valueText: row.value_text,
    submittedAt: row.submitted_at.toISOString(),
    assigned,
    account: account ? { status: account.status, houseType: account.house_type } : null,
    meter: meter && {
      id: meter.id,
      digits: meter.digits,
      status: meter.status,
      verificationDue: meter.verification_due,
    },
    past,
  })
  return { row, evaluation }
}

/**
 * Marks the web reading accepted for the period it counts for now, replacing any accepted before it: one
 * accepted reading per meter and period, the earlier one marked `replaced_by`
 * (docs/portal-contract.md#portal_readings--meter-readings-submitted-online).
 */
async function markAccepted(
  client: pg.ClientBase,
  id: number,
  row: PortalReadingRow,
  period: string,
  decision: { by: string | null; findings?: string },
) {
  await client.query(
    `UPDATE portal_readings SET replaced_by = $1 WHERE account_number = $2 AND meter_serial = $3
    AND period = $4 AND state = 'accepted' AND replaced_by IS NULL AND id <> $1`,
    [id, row.account_number, row.meter_serial, period],
  )
  await client.query(
    `UPDATE portal_readings SET state = 'accepted', period = $2, findings = coalesce($3::jsonb, findings),
      decided_by = $4, decided_at = now(), decision_reason = NULL WHERE id = $1`,
    [id, period, decision.findings ?? null, decision.by],
  )
}

async function writeAccepted(
  client: pg.ClientBase,
  row: PortalReadingRow,
  evaluation: WebReadingEvaluation,
  reading: NonNullable<WebReadingEvaluation['reading']>,
  replaceReason: string | null,
  ctx: CentralCommandContext,
) {
  const [written] = await writeReadings(client, [
    {
      write: {
        ...reading,
        receivedAt: row.submitted_at.toISOString(),
        period: evaluation.period,
        source: 'web',
        late: evaluation.late,
        flags: webReadingFlags(evaluation),
        replaceReason,
      },
      ctx,
    },
  ])
  return written === 'conflict' ? ({ outcome: 'conflict', detail: { conflicts: 1 } } as const) : APPLIED
}

/**
 * A console's automatic check of a new web reading: the console only says "check this one"; the
 * service decides it itself. Every console checks what arrives; the first report does the work and a
 * later one finds the reading decided.
 */
async function checkWebReading(
  client: pg.ClientBase,
  payload: CentralPayload<'readings.checkWeb'>,
  ctx: CentralCommandContext,
) {
  const loaded = await loadAndEvaluate(client, payload.webReadingId)
  if (!loaded) return refused('NOT_FOUND', { what: 'webReading' })
  const { row, evaluation } = loaded
  if (row.state !== 'new') return APPLIED
  const state = decideWebCheck(evaluation)
  const findings = JSON.stringify(evaluation.findings.map((f) => f.code))
  if (state !== 'accepted' || !evaluation.reading) {
    await client.query(
      `UPDATE portal_readings SET state = $2, period = $3, findings = $4, decided_by = 'проверка консоли',
        decided_at = now() WHERE id = $1`,
      [payload.webReadingId, state, evaluation.period, findings],
    )
    return APPLIED
  }
  await markAccepted(client, payload.webReadingId, row, evaluation.period, {
    by: 'проверка консоли',
    findings,
  })
  return writeAccepted(client, row, evaluation, evaluation.reading, null, ctx)
}

/** A person's decision on a web reading under review; one already made elsewhere wins, with its author. */
async function reviewWebReading(
  client: pg.ClientBase,
  payload: CentralPayload<'readings.reviewWeb'>,
  ctx: CentralCommandContext,
) {
  const loaded = await loadAndEvaluate(client, payload.webReadingId)
  if (!loaded) return refused('NOT_FOUND', { what: 'webReading' })
  const { row, evaluation } = loaded
  if (row.state !== 'review')
    return refused('ALREADY_DECIDED', {
      by: await staffName(client, row.decided_by),
      at: row.decided_at?.toISOString() ?? null,
    })
  const { reason } = payload.decision
  const outcome = decideWebReview(evaluation, payload.decision.decision, reason)
  if ('refusal' in outcome) {
    const { refusal, ...params } = outcome
    return refused(refusal, params)
  }
  if (outcome.state !== 'accepted') {
    // The reason is shown to the subscriber as why the reading was refused.
    await client.query(
      `UPDATE portal_readings SET state = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`,
      [payload.webReadingId, outcome.state, ctx.staffLogin, reason],
    )
    return APPLIED
  }
  // An accepted reading's reason is the clerk's for replacing a value: kept with the reading, never
  // shown to the subscriber as a refusal.
  await markAccepted(client, payload.webReadingId, row, evaluation.period, { by: ctx.staffLogin })
  return writeAccepted(client, row, evaluation, outcome.reading, reason, ctx)
}

export const webReadingsCommands: CentralHandlers<'readings.checkWeb' | 'readings.reviewWeb'> = {
  'readings.checkWeb': checkWebReading,
  'readings.reviewWeb': reviewWebReading,
}
