import type BetterSqlite3 from 'better-sqlite3'
import { assignPeriod } from '@shared/domain/billing-period'
import { moscowDate } from '@shared/domain/moscow-time'
import type { FindingCode } from '@shared/domain/reading-checks'
import { checkTypedReading } from '@shared/domain/typed-reading'
import { defineCommand, type AuditChange, type CommandPipeline } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { decideReading } from '@shared/domain/reading-decision'
import { MeterHistoryReader } from './meter-history'
import { closedPeriods } from './period-closures'

/** Why a web reading needs a person: the shared reading checks, plus what only the website can get wrong. */
export type WebReadingFinding = FindingCode | 'unknownAccount' | 'unknownMeter' | 'badValue'

interface WebReadingRow {
  id: number
  accountNumber: string
  meterSerial: string
  valueText: string
  submittedAt: string
  state: 'new' | 'accepted' | 'review' | 'rejected'
}

interface Evaluation {
  period: string
  late: boolean
  findings: { code: WebReadingFinding; severity: 'error' | 'warning' | 'flag' }[]
  reading: { meterId: number; valueMilli: number; replacedMilli: number | null } | null
}

function requireWebReading(db: BetterSqlite3.Database, id: number): WebReadingRow {
  const row = db
    .prepare(
      `SELECT id, account_number AS accountNumber, meter_serial AS meterSerial, value_text AS valueText,
      submitted_at AS submittedAt, state FROM web_readings WHERE id = ?`,
    )
    .get(id) as WebReadingRow | undefined
  if (!row) throw new AppError('NOT_FOUND', { what: 'webReading' })
  return row
}

/**
 * The same checks as a paper form or a phone call (DOMAIN.md, "Meter readings"), with the period
 * taken from when the website received the reading, in Moscow time.
 */
function evaluate(db: BetterSqlite3.Database, web: WebReadingRow): Evaluation {
  const { period, late } = assignPeriod(new Date(web.submittedAt), closedPeriods(db))
  const account = db
    .prepare(`SELECT id, status, house_type AS houseType FROM accounts WHERE number = ?`)
    .get(web.accountNumber) as
    { id: number; status: 'active' | 'closed'; houseType: 'mkd' | 'private' } | undefined
  if (!account)
    return { period, late, findings: [{ code: 'unknownAccount', severity: 'error' }], reading: null }
  const meter = db
    .prepare(
      `SELECT id, digits, status, verification_due AS verificationDue FROM meters WHERE account_id = ? AND serial = ?`,
    )
    .get(account.id, web.meterSerial) as
    { id: number; digits: number; status: 'active' | 'removed'; verificationDue: string } | undefined
  if (!meter) return { period, late, findings: [{ code: 'unknownMeter', severity: 'error' }], reading: null }
  const past = new MeterHistoryReader(db).read(meter, period)
  const checked = checkTypedReading(web.valueText, {
    accountStatus: account.status,
    houseType: account.houseType,
    meter,
    previousMilli: past.previousMilli,
    recentConsumptionMilli: past.recentConsumptionMilli,
    existingForPeriodMilli: past.existingForPeriodMilli,
    receivedOn: moscowDate(new Date(web.submittedAt)),
  })
  if ('problem' in checked)
    return { period, late, findings: [{ code: 'badValue', severity: 'error' }], reading: null }
  return {
    period,
    late,
    findings: checked.findings,
    reading: {
      meterId: meter.id,
      valueMilli: checked.valueMilli,
      replacedMilli: past.existingForPeriodMilli,
    },
  }
}

function saveReading(
  db: BetterSqlite3.Database,
  web: WebReadingRow,
  evaluation: Evaluation,
  enteredBy: number | null,
): AuditChange {
  const reading = evaluation.reading!
  const flags = evaluation.findings.filter((f) => f.code !== 'duplicateForPeriod').map((f) => f.code)
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
  evaluation: Evaluation,
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
  reading: (Evaluation['reading'] & { receivedAt: string }) | null
}

/**
 * A new web reading, checked as it arrives: accepted when nothing but flags (late, overdue
 * verification) is found, otherwise put in the review list. Run by the console itself, so no staff.
 */
export const checkWebReading = defineCommand<{ webReadingId: number }, WebReadingOutcome>({
  name: 'readings.checkWeb',
  outboxPayload: (_input, result) => result,
  apply(db, input) {
    const web = requireWebReading(db, input.webReadingId)
    if (web.state !== 'new') throw new AppError('ALREADY_DECIDED', { by: null, at: null })
    const evaluation = evaluate(db, web)
    // Nothing to confirm and nothing to replace: the website's reading goes straight in.
    const clean = evaluation.reading && decideReading(evaluation.findings, [], null).kind === 'accepted'
    const changes: AuditChange[] = []
    if (clean) changes.push(saveReading(db, web, evaluation, null))
    markWebReading(db, web.id, clean ? 'accepted' : 'review', evaluation)
    changes.push({
      entity: 'webReading',
      entityId: web.id,
      before: { state: 'new' },
      after: { state: clean ? 'accepted' : 'review', findings: evaluation.findings.map((f) => f.code) },
    })
    return {
      result: {
        webReadingId: web.id,
        state: clean ? 'accepted' : 'review',
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
export const reviewWebReading = defineCommand<
  WebReviewDecision,
  WebReadingOutcome & { decision: WebReviewDecision }
>({
  name: 'readings.reviewWeb',
  outboxPayload: (_input, result) => result,
  apply(db, input, ctx) {
    const web = requireWebReading(db, input.webReadingId)
    if (web.state !== 'review') throw new AppError('ALREADY_DECIDED', { by: null, at: null })
    const evaluation = evaluate(db, web)
    const changes: AuditChange[] = []
    if (input.decision === 'accept') {
      // Accepting is the reviewer's confirmation of every warning they were shown.
      const warnings = evaluation.findings.filter((f) => f.severity === 'warning').map((f) => f.code)
      const decision = decideReading(evaluation.findings, warnings, input.reason)
      if (decision.kind === 'refused' || !evaluation.reading)
        throw new AppError('READING_REFUSED', {
          code: decision.kind === 'refused' ? decision.code : 'badValue',
        })
      if (decision.kind === 'needsReason')
        throw new AppError('REPLACE_NEEDS_REASON', { existingMilli: evaluation.reading.replacedMilli })
      changes.push(saveReading(db, web, evaluation, ctx.staff?.id ?? null))
    } else if (!input.reason) throw new AppError('INVALID_INPUT', { fields: 'reason' })
    const state = input.decision === 'accept' ? 'accepted' : 'rejected'
    db.prepare(
      `UPDATE web_readings SET state = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?`,
    ).run(state, ctx.staff?.login ?? null, ctx.at, input.reason, web.id)
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
        reading:
          input.decision === 'accept' && evaluation.reading
            ? { ...evaluation.reading, receivedAt: web.submittedAt }
            : null,
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
      a.id AS accountId, a.surname || ' ' || a.first_name || coalesce(' ' || a.patronymic, '') AS owner
      FROM web_readings w LEFT JOIN accounts a ON a.number = w.account_number
      WHERE w.state = 'review' ORDER BY w.submitted_at, w.id LIMIT ?`,
    )
    .all(limit) as {
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
