import type BetterSqlite3 from 'better-sqlite3'
import type {
  BatchForm,
  BatchSummary,
  OpenBatchListing,
  ReadingBatch,
  Role,
  UnresolvedForm,
} from '@shared/contract'
import type { FindingCode } from '@shared/domain/reading-checks'
import { defineCommand, defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { assignPeriodForMoscowDate } from '@shared/domain/billing-period'
import { findFormAccount } from './account-meters'
import { closedPeriods } from './period-closures'
import { recordReadings, type RecordReadingsInput, type RecordReadingsResult } from './record-readings'

export interface TypedForm {
  batchId: number
  position: number
  accountNumber: string
  values: (RecordReadingsInput['values'][number] & { noValue?: boolean })[]
}

interface FormRow {
  position: number
  accountNumber: string
  valuesJson: string
  state: BatchForm['state']
  problemJson: string | null
}

export function readBatch(db: BetterSqlite3.Database, batchId: number): ReadingBatch {
  const batch = db
    .prepare(
      `SELECT id, received_on AS receivedOn, created_at AS createdAt FROM reading_batches WHERE id = ?`,
    )
    .get(batchId) as Omit<ReadingBatch, 'forms' | 'period' | 'late'> | undefined
  if (!batch) throw new AppError('NOT_FOUND', { what: 'batch' })
  const { period, late } = assignPeriodForMoscowDate(batch.receivedOn, closedPeriods(db))
  const forms = db
    .prepare(
      `SELECT position, account_number AS accountNumber, values_json AS valuesJson, state, problem_json AS problemJson
      FROM reading_batch_forms WHERE batch_id = ? ORDER BY position`,
    )
    .all(batchId) as FormRow[]
  return {
    ...batch,
    period,
    late,
    forms: forms.map((f) => ({
      position: f.position,
      accountNumber: f.accountNumber,
      values: JSON.parse(f.valuesJson) as BatchForm['values'],
      state: f.state,
      problem: f.problemJson ? (JSON.parse(f.problemJson) as BatchForm['problem']) : null,
    })),
  }
}

export function openBatchOf(db: BetterSqlite3.Database, staffId: number): number | null {
  const row = db
    .prepare(
      `SELECT id FROM reading_batches WHERE created_by = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(staffId) as { id: number } | undefined
  return row?.id ?? null
}

/**
 * An open batch of the person acting: a batch belongs to the clerk who opened it
 * (docs/business-rules.md#meter-readings), so nobody else types into, submits in or finishes it; a supervisor
 * takes it over first.
 */
function requireOwnOpenBatch(
  db: BetterSqlite3.Database,
  batchId: number,
  staffId: number | undefined,
): { receivedOn: string } {
  const batch = requireOpenBatch(db, batchId)
  if (batch.ownerId !== staffId) throw new AppError('BATCH_NOT_YOURS', { owner: batch.owner })
  return batch
}

interface OpenBatchRow {
  receivedOn: string
  finishedAt: string | null
  ownerId: number
  owner: string
  ownerLogin: string
}

/** An open batch with its owner, whoever asks. */
function requireOpenBatch(db: BetterSqlite3.Database, batchId: number): OpenBatchRow {
  const batch = db
    .prepare(
      `SELECT b.received_on AS receivedOn, b.finished_at AS finishedAt, b.created_by AS ownerId,
      s.full_name AS owner, s.login AS ownerLogin FROM reading_batches b JOIN staff s ON s.id = b.created_by
      WHERE b.id = ?`,
    )
    .get(batchId) as OpenBatchRow | undefined
  if (!batch) throw new AppError('NOT_FOUND', { what: 'batch' })
  if (batch.finishedAt) throw new AppError('BATCH_FINISHED')
  return batch
}

/** A form's state in its batch; undefined while nothing of it was saved. */
function formState(db: BetterSqlite3.Database, batchId: number, position: number) {
  return db
    .prepare(`SELECT state FROM reading_batch_forms WHERE batch_id = ? AND position = ?`)
    .pluck()
    .get(batchId, position) as BatchForm['state'] | undefined
}

function upsertForm(
  db: BetterSqlite3.Database,
  form: TypedForm,
  state: BatchForm['state'],
  problem: BatchForm['problem'],
  at: string,
) {
  db.prepare(
    `INSERT INTO reading_batch_forms (batch_id, position, account_number, values_json, state, problem_json, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, position) DO UPDATE SET account_number = excluded.account_number,
    values_json = excluded.values_json, state = excluded.state, problem_json = excluded.problem_json,
    updated_at = excluded.updated_at`,
  ).run(
    form.batchId,
    form.position,
    form.accountNumber,
    JSON.stringify(form.values),
    state,
    problem ? JSON.stringify(problem) : null,
    at,
  )
}

export const openBatch = defineCommand<{ receivedOn: string; staffId: number }, number>({
  name: 'readings.openBatch',
  outboxPayload: null,
  apply(db, input, ctx) {
    const existing = openBatchOf(db, input.staffId)
    if (existing) return { result: existing, changes: [] }
    const { lastInsertRowid } = db
      .prepare(`INSERT INTO reading_batches (received_on, created_by, created_at) VALUES (?, ?, ?)`)
      .run(input.receivedOn, input.staffId, ctx.at)
    const id = Number(lastInsertRowid)
    return {
      result: id,
      changes: [
        { entity: 'readingBatch', entityId: id, before: null, after: { receivedOn: input.receivedOn } },
      ],
    }
  },
})

/**
 * What the clerk typed so far. Local working state of this console, so not queued for the
 * central database and not audited keystroke by keystroke; a saved form is never turned back.
 */
export const saveDraft = defineCommand<TypedForm, void>({
  name: 'readings.saveDraft',
  outboxPayload: null,
  apply(db, input, ctx) {
    requireOwnOpenBatch(db, input.batchId, ctx.staff?.id)
    if (formState(db, input.batchId, input.position) !== 'saved') upsertForm(db, input, 'draft', null, ctx.at)
    return { result: undefined, changes: [] }
  },
})

/** The form's readings and its "saved" mark in one transaction: a crash cannot leave one without the other. */
export const submitForm = defineSyncedCommand('readings.record')<
  TypedForm,
  RecordReadingsResult & { receivedOn: string }
>({
  // The same entry the central database gets for any recorded form.
  outboxPayload: (input, result) =>
    recordReadings.outboxPayload(formAsRecord(input, result.receivedOn), result),
  apply(db, input, ctx) {
    const { receivedOn } = requireOwnOpenBatch(db, input.batchId, ctx.staff?.id)
    // Meters left blank ("not passed") are not readings: the others are saved without them.
    const outcome = recordReadings.apply(db, formAsRecord(passedValues(input), receivedOn), ctx)
    upsertForm(db, input, 'saved', null, ctx.at)
    return { result: { ...outcome.result, receivedOn }, changes: outcome.changes }
  },
})

/** The form without its "not passed" meters: what becomes readings. */
export function passedValues(form: TypedForm): TypedForm {
  return { ...form, values: form.values.filter((v) => !v.noValue) }
}

/**
 * A form on which every meter was left blank: nothing to record, but the form is dealt with. The
 * account must still be one that takes readings, as for any form.
 */
export const saveNothingPassed = defineCommand<TypedForm, void>({
  name: 'readings.saveNothingPassed',
  outboxPayload: null,
  apply(db, input, ctx) {
    requireOwnOpenBatch(db, input.batchId, ctx.staff?.id)
    const { account } = findFormAccount(db, input.accountNumber)
    if (account.status === 'closed') throw new AppError('READING_REFUSED', { code: 'accountClosed' })
    upsertForm(db, input, 'saved', null, ctx.at)
    return {
      result: undefined,
      changes: [
        {
          entity: 'readingBatch',
          entityId: input.batchId,
          before: null,
          after: { position: input.position, notPassed: input.values.length },
        },
      ],
    }
  },
})

/** The clerk's F8: the form stays in the batch as typed, set aside with what held it back. */
export const setFormAside = defineCommand<TypedForm & { finding: string | null }, void>({
  name: 'readings.setAside',
  outboxPayload: null,
  apply(db, input, ctx) {
    requireOwnOpenBatch(db, input.batchId, ctx.staff?.id)
    if (formState(db, input.batchId, input.position) === 'saved')
      throw new AppError('INVALID_INPUT', { fields: 'position' })
    const problem = { code: 'SET_ASIDE', params: input.finding ? { finding: input.finding } : {} }
    upsertForm(db, input, 'setAside', problem, ctx.at)
    return {
      result: undefined,
      changes: [
        {
          entity: 'readingBatch',
          entityId: input.batchId,
          before: null,
          after: { position: input.position, setAside: input.finding },
        },
      ],
    }
  },
})

/** An unknown account or a closed one cannot be fixed by retyping values: the row stays, unresolved. */
export const markUnresolved = defineCommand<TypedForm & { problem: NonNullable<BatchForm['problem']> }, void>(
  {
    name: 'readings.markUnresolved',
    outboxPayload: null,
    apply(db, input, ctx) {
      requireOwnOpenBatch(db, input.batchId, ctx.staff?.id)
      upsertForm(db, input, 'unresolved', input.problem, ctx.at)
      return {
        result: undefined,
        changes: [
          {
            entity: 'readingBatch',
            entityId: input.batchId,
            before: null,
            after: { position: input.position, problem: input.problem },
          },
        ],
      }
    },
  },
)

/** Open batches of other staff, for a supervisor who takes one over (a clerk off sick, a shift change). */
export function readOthersOpenBatches(db: BetterSqlite3.Database, staffId: number): OpenBatchListing[] {
  return db
    .prepare(
      `SELECT b.id, b.received_on AS receivedOn, s.full_name AS owner, b.created_at AS createdAt,
        (SELECT count(*) FROM reading_batch_forms f WHERE f.batch_id = b.id AND f.account_number <> '') AS forms
      FROM reading_batches b JOIN staff s ON s.id = b.created_by
      WHERE b.finished_at IS NULL AND b.created_by <> ? ORDER BY b.id`,
    )
    .all(staffId) as OpenBatchListing[]
}

/** A supervisor takes another person's open batch as their own; the audit trail says from whom. */
export const takeOverBatch = defineCommand<{ batchId: number }, void>({
  name: 'readings.takeOverBatch',
  outboxPayload: null,
  apply(db, input, ctx) {
    const staffId = ctx.staff!.id
    if (openBatchOf(db, staffId) !== null) throw new AppError('OWN_BATCH_OPEN')
    const batch = requireOpenBatch(db, input.batchId)
    db.prepare(`UPDATE reading_batches SET created_by = ? WHERE id = ?`).run(staffId, input.batchId)
    return {
      result: undefined,
      changes: [
        {
          entity: 'readingBatch',
          entityId: input.batchId,
          before: { owner: batch.ownerLogin },
          after: { owner: ctx.staff!.login },
        },
      ],
    }
  },
})

/**
 * Forms kept unresolved or set aside when their batch was finished (docs/business-rules.md#meter-readings):
 * the papers are still on someone's desk. A clerk sees their own batches' forms, a supervisor everyone's.
 */
export function readUnresolvedForms(
  db: BetterSqlite3.Database,
  staff: { id: number; role: Role },
): UnresolvedForm[] {
  const rows = db
    .prepare(
      `SELECT f.batch_id AS batchId, f.position, b.received_on AS receivedOn, s.full_name AS owner,
        b.finished_at AS finishedAt, f.account_number AS accountNumber, f.values_json AS valuesJson, f.state,
        f.problem_json AS problemJson
      FROM reading_batch_forms f JOIN reading_batches b ON b.id = f.batch_id JOIN staff s ON s.id = b.created_by
      WHERE b.finished_at IS NOT NULL AND f.state IN ('unresolved', 'setAside') AND f.account_number <> ''
        AND (@everyone OR b.created_by = @me)
      ORDER BY b.received_on, f.batch_id, f.position`,
    )
    .all({ everyone: staff.role === 'supervisor' ? 1 : 0, me: staff.id }) as (Omit<
    UnresolvedForm,
    'values' | 'problem'
  > & { valuesJson: string; problemJson: string | null })[]
  return rows.map(({ valuesJson, problemJson, ...row }) => ({
    ...row,
    values: JSON.parse(valuesJson) as UnresolvedForm['values'],
    problem: problemJson ? (JSON.parse(problemJson) as UnresolvedForm['problem']) : null,
  }))
}

/**
 * A kept form taken back into work: moved, as typed and with its problem, into the person's open batch
 * with the same stamp (a new one when they have none), where the batch's keys put it right or discard
 * it. An open batch with another stamp must be finished first: one batch, one stamp.
 */
export const takeUnresolvedForm = defineCommand<
  { batchId: number; position: number; staffId: number; role: Role },
  number
>({
  name: 'readings.takeUnresolvedForm',
  outboxPayload: null,
  apply(db, input, ctx) {
    const form = db
      .prepare(
        `SELECT f.account_number AS accountNumber, f.values_json AS valuesJson, f.state, f.problem_json AS problemJson,
          b.received_on AS receivedOn, b.created_by AS ownerId
        FROM reading_batch_forms f JOIN reading_batches b ON b.id = f.batch_id
        WHERE f.batch_id = ? AND f.position = ? AND b.finished_at IS NOT NULL AND f.state IN ('unresolved', 'setAside')`,
      )
      .get(input.batchId, input.position) as
      (Omit<FormRow, 'position'> & { receivedOn: string; ownerId: number }) | undefined
    if (!form) throw new AppError('NOT_FOUND', { what: 'form' })
    if (input.role !== 'supervisor' && form.ownerId !== input.staffId) throw new AppError('FORBIDDEN')
    const open = openBatchOf(db, input.staffId)
    const openStamp = open === null ? null : readBatch(db, open).receivedOn
    if (open !== null && openStamp !== form.receivedOn) throw new AppError('OWN_BATCH_OPEN')
    const target =
      open ??
      Number(
        db
          .prepare(`INSERT INTO reading_batches (received_on, created_by, created_at) VALUES (?, ?, ?)`)
          .run(form.receivedOn, input.staffId, ctx.at).lastInsertRowid,
      )
    const position =
      ((db.prepare(`SELECT max(position) FROM reading_batch_forms WHERE batch_id = ?`).pluck().get(target) as
        number | null) ?? -1) + 1
    db.prepare(
      `INSERT INTO reading_batch_forms (batch_id, position, account_number, values_json, state, problem_json, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(target, position, form.accountNumber, form.valuesJson, form.state, form.problemJson, ctx.at)
    db.prepare(`DELETE FROM reading_batch_forms WHERE batch_id = ? AND position = ?`).run(
      input.batchId,
      input.position,
    )
    return {
      result: target,
      changes: [
        {
          entity: 'readingBatch',
          entityId: input.batchId,
          before: { position: input.position },
          after: { accountNumber: form.accountNumber, movedTo: target },
        },
      ],
    }
  },
})

export interface FinishChoices {
  batchId: number
  /** Forms typed halfway: kept, set aside, or thrown away. */
  drafts: 'setAside' | 'discard'
  /** Unresolved and set-aside forms: kept in the finished batch as they are, or thrown away. */
  unresolved: 'keep' | 'discard'
}

/** Closes the batch with the clerk's answer for every form not saved; the summary counts every form. */
export const finishBatch = defineCommand<FinishChoices, BatchSummary>({
  name: 'readings.finishBatch',
  outboxPayload: null,
  apply(db, input, ctx) {
    requireOwnOpenBatch(db, input.batchId, ctx.staff?.id)
    const setState = db.prepare(
      `UPDATE reading_batch_forms SET state = ?, updated_at = ? WHERE batch_id = ? AND state = ? AND account_number <> ''`,
    )
    setState.run(input.drafts === 'discard' ? 'discarded' : 'setAside', ctx.at, input.batchId, 'draft')
    if (input.unresolved === 'discard')
      for (const state of ['unresolved', 'setAside']) setState.run('discarded', ctx.at, input.batchId, state)
    db.prepare(`UPDATE reading_batches SET finished_at = ?, finished_by = ? WHERE id = ?`).run(
      ctx.at,
      ctx.staff?.id ?? null,
      input.batchId,
    )
    const forms = readBatch(db, input.batchId).forms.filter((f) => f.accountNumber !== '')
    const saved = forms.filter((f) => f.state === 'saved')
    const count = (state: BatchForm['state']) => forms.filter((f) => f.state === state).length
    const summary: BatchSummary = {
      forms: forms.length,
      saved: saved.length,
      readingsAccepted: saved.reduce((n, f) => n + f.values.filter((v) => !v.noValue).length, 0),
      notPassed: saved.reduce((n, f) => n + f.values.filter((v) => v.noValue).length, 0),
      warningsConfirmed: saved.reduce((n, f) => n + f.values.reduce((m, v) => m + v.confirmed.length, 0), 0),
      unresolved: count('unresolved'),
      setAside: count('setAside'),
      discarded: count('discarded'),
      finishedAt: ctx.at,
      // People by name, not by login (docs/business-rules.md#who-uses-the-console).
      finishedBy: ctx.staff?.fullName ?? '',
    }
    return {
      result: summary,
      changes: [{ entity: 'readingBatch', entityId: input.batchId, before: null, after: summary }],
    }
  },
})

function formAsRecord(form: TypedForm, receivedOn: string): RecordReadingsInput {
  return {
    accountNumber: form.accountNumber,
    receivedOn,
    source: 'paper',
    values: form.values.map(({ noValue: _blank, ...v }) => ({
      ...v,
      confirmed: v.confirmed as FindingCode[],
    })),
  }
}
