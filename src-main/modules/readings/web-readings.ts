import type BetterSqlite3 from 'better-sqlite3'
import { assignPeriod } from '@shared/domain/billing-period'
import {
  decideWebCheck,
  decideWebReview,
  evaluateWebReading,
  webReadingFlags,
  type WebReadingEvaluation,
  type WebReadingFinding,
} from '@shared/domain/readings/web-reading-check'
import { defineSyncedCommand, type AuditChange, type CommandPipeline } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { MeterHistoryReader } from './meter-history'
import { closedPeriods } from './period-closures'

interface WebReadingRow {
  id: number
  accountNumber: string
  meterSerial: string
  valueText: string
  submittedAt: string
  state: 'new' | 'accepted' | 'review' | 'rejected'
}

function requireWebReading(db: BetterSqlite3.Database, id: number): WebReadingRow {
  const row = db
    .prepare<[number], WebReadingRow>(
      `SELECT id, account_number AS accountNumber, meter_serial AS meterSerial, value_text AS valueText,
      submitted_at AS submittedAt, state FROM web_readings WHERE id = ?`,
    )
    .get(id)
  if (!row) throw new AppError('NOT_FOUND', { what: 'webReading' })
  return row
}

/** The facts `evaluateWebReading` decides on, as this console's copy holds them. */
function evaluate(db: BetterSqlite3.Database, web: WebReadingRow): WebReadingEvaluation {
  const assigned = assignPeriod(new Date(web.submittedAt), closedPeriods(db))
  const account = db
    .prepare<[string], { id: number; status: 'active' | 'closed'; houseType: 'mkd' | 'private' }>(
      `SELECT id, status, house_type AS houseType FROM accounts WHERE number = ?`,
    )
    .get(web.accountNumber)
  const meter = account
    ? db
        .prepare<
          [number, string],
          { id: number; digits: number; status: 'active' | 'removed'; verificationDue: string }
        >(
          // A verified meter keeps its serial: the one in service answers, not the row it replaced.
          `SELECT id, digits, status, verification_due AS verificationDue FROM meters WHERE account_id = ? AND serial = ?
          ORDER BY status = 'active' DESC, id DESC LIMIT 1`,
        )
        .get(account.id, web.meterSerial)
    : undefined
  return evaluateWebReading({
    valueText: web.valueText,
    submittedAt: web.submittedAt,
    assigned,
    account: account ?? null,
    meter: meter ?? null,
    past: meter ? new MeterHistoryReader(db).read(meter, assigned.period) : null,
  })
}

function saveReading(
  db: BetterSqlite3.Database,
  web: WebReadingRow,
  evaluation: WebReadingEvaluation,
  reading: NonNullable<WebReadingEvaluation['reading']>,
  enteredBy: number | null,
): AuditChange {
  const flags = webReadingFlags(evaluation)
  db.prepare(
    `INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, flags, entered_by)
    VALUES (?, ?, ?, ?, 'web', ?, ?, ?) ON CONFLICT (meter_id, period) DO UPDATE SET value_milli = excluded.value_milli,
    received_at = excluded.received_at, source = 'web', late = excluded.late, flags = excluded.flags,
    entered_by = excluded.entered_by`,
  ).run(
    reading.meterId,
    evaluation.period,
    reading.valueMilli,
    web.submittedAt,
    evaluation.late ? 1 : 0,
    flags.length ? JSON.stringify(flags) : null,
    enteredBy,
  )
  return {
    entity: 'reading',
    entityId: `${reading.meterId}:${evaluation.period}`,
    before: reading.replacedMilli === null ? null : { valueMilli: reading.replacedMilli },
    after: { valueMilli: reading.valueMilli, source: 'web', late: evaluation.late, flags },
  }
}

const markWebReading = (
  db: BetterSqlite3.Database,
  id: number,
  state: WebReadingRow['state'],
  evaluation: WebReadingEvaluation,
) =>
  db
    .prepare(`UPDATE web_readings SET state = ?, period = ?, findings_json = ? WHERE id = ?`)
    .run(
      state,
      evaluation.period,
      evaluation.findings.length ? JSON.stringify(evaluation.findings.map((f) => f.code)) : null,
      id,
    )

export interface WebReadingOutcome {
  webReadingId: number
  state: 'accepted' | 'review' | 'rejected'
  period: string
  late: boolean
  findings: WebReadingFinding[]
  reading: (WebReadingEvaluation['reading'] & { receivedAt: string }) | null
}

/**
 * A new web reading, checked as it arrives: accepted when nothing but flags (late, overdue
 * verification) is found, otherwise put in the review list. Run by the console itself, so no staff.
 */
export const checkWebReading = defineSyncedCommand('readings.checkWeb')<
  { webReadingId: number },
  WebReadingOutcome
>({
  outboxPayload: (input) => ({ webReadingId: input.webReadingId }),
  apply(db, input) {
    const web = requireWebReading(db, input.webReadingId)
    if (web.state !== 'new') throw new AppError('ALREADY_DECIDED', { by: null, at: null })
    const evaluation = evaluate(db, web)
    const state = decideWebCheck(evaluation)
    const changes: AuditChange[] = []
    if (state === 'accepted' && evaluation.reading)
      changes.push(saveReading(db, web, evaluation, evaluation.reading, null))
    markWebReading(db, web.id, state, evaluation)
    changes.push({
      entity: 'webReading',
      entityId: web.id,
      before: { state: 'new' },
      after: { state, findings: evaluation.findings.map((f) => f.code) },
    })
    return {
      result: {
        webReadingId: web.id,
        state,
        period: evaluation.period,
        late: evaluation.late,
        findings: evaluation.findings.map((f) => f.code),
        reading: evaluation.reading ? { ...evaluation.reading, receivedAt: web.submittedAt } : null,
      },
      changes,
    }
  },
})

export interface WebReviewDecision {
  webReadingId: number
  decision: 'accept' | 'reject'
  reason: string | null
}

/**
 * A clerk's or supervisor's decision on a web reading under review. Accepting confirms the warnings
 * the reviewer saw; an error (lower than the previous reading, unknown meter…) can only be rejected,
 * with the reason the subscriber will be told.
 */
export const reviewWebReading = defineSyncedCommand('readings.reviewWeb')<
  WebReviewDecision,
  WebReadingOutcome & { decision: WebReviewDecision }
>({
  outboxPayload: (input) => ({
    webReadingId: input.webReadingId,
    decision: { decision: input.decision, reason: input.reason },
  }),
  apply(db, input, ctx) {
    const web = requireWebReading(db, input.webReadingId)
    if (web.state !== 'review') throw new AppError('ALREADY_DECIDED', { by: null, at: null })
    const evaluation = evaluate(db, web)
    const outcome = decideWebReview(evaluation, input.decision, input.reason)
    if ('refusal' in outcome) {
      switch (outcome.refusal) {
        case 'READING_REFUSED':
          throw new AppError('READING_REFUSED', { code: outcome.finding })
        case 'REPLACE_NEEDS_REASON':
          throw new AppError('REPLACE_NEEDS_REASON', { existingMilli: outcome.existingMilli })
        case 'INVALID_INPUT':
          throw new AppError('INVALID_INPUT', { fields: outcome.fields })
      }
    }
    const changes: AuditChange[] = []
    if (outcome.state === 'accepted')
      changes.push(saveReading(db, web, evaluation, outcome.reading, ctx.staff?.id ?? null))
    const state = outcome.state
    // Only a refusal's reason is the subscriber's to read; accepting, it is the replacement's reason,
    // kept with the reading (docs/portal-contract.md#portal_readings--meter-readings-submitted-online).
    db.prepare(
      `UPDATE web_readings SET state = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?`,
    ).run(state, ctx.staff?.login ?? null, ctx.at, state === 'rejected' ? input.reason : null, web.id)
    changes.push({
      entity: 'webReading',
      entityId: web.id,
      before: { state: 'review' },
      after: { state, reason: input.reason },
    })
    return {
      result: {
        webReadingId: web.id,
        state,
        period: evaluation.period,
        late: evaluation.late,
        findings: evaluation.findings.map((f) => f.code),
        reading: outcome.state === 'accepted' ? { ...outcome.reading, receivedAt: web.submittedAt } : null,
        decision: input,
      },
      changes,
    }
  },
})

/** The web readings waiting for a person, oldest first, with what the checks found. */
export function readWebReview(db: BetterSqlite3.Database, limit = 200) {
  const rows = db
    .prepare(
      `SELECT w.id, w.account_number AS accountNumber, w.meter_serial AS meterSerial, w.value_text AS valueText,
      w.submitted_at AS submittedAt, w.period, w.findings_json AS findingsJson,
      a.id AS accountId, a.surname || ' ' || a.first_name || coalesce(' ' || a.patronymic, '') AS owner,
      p.value_milli AS previousMilli, p.period AS previousPeriod
      FROM web_readings w LEFT JOIN accounts a ON a.number = w.account_number
      LEFT JOIN readings p ON p.rowid = (
        SELECT r.rowid FROM readings r JOIN meters m ON m.id = r.meter_id
        WHERE m.account_id = a.id AND m.serial = w.meter_serial AND (w.period IS NULL OR r.period < w.period)
          AND m.id = (SELECT x.id FROM meters x WHERE x.account_id = a.id AND x.serial = w.meter_serial
            ORDER BY x.status = 'active' DESC, x.id DESC LIMIT 1)
        ORDER BY r.period DESC LIMIT 1)
      WHERE w.state = 'review' ORDER BY w.submitted_at, w.id LIMIT ?`,
    )
    .all(limit) as {
    previousMilli: number | null
    previousPeriod: string | null
    id: number
    accountNumber: string
    meterSerial: string
    valueText: string
    submittedAt: string
    period: string | null
    findingsJson: string | null
    accountId: number | null
    owner: string | null
  }[]
  return rows.map(({ findingsJson, ...row }) => ({
    ...row,
    findings: findingsJson ? (JSON.parse(findingsJson) as WebReadingFinding[]) : [],
  }))
}

/** Checks every web reading that arrived since the last time; returns how many it checked. */
export function checkArrivedWebReadings(
  db: BetterSqlite3.Database,
  pipeline: CommandPipeline,
  limit = 500,
): number {
  const ids = db
    .prepare(`SELECT id FROM web_readings WHERE state = 'new' ORDER BY submitted_at, id LIMIT ?`)
    .pluck()
    .all(limit) as number[]
  for (const webReadingId of ids) pipeline.run(checkWebReading, { webReadingId }, { staff: null })
  return ids.length
}
