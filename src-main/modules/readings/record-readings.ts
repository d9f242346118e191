import { moscowDate } from '@shared/domain/moscow-time'
import { decideReceipt } from '@shared/domain/readings/reading-receipt'
import type { FindingCode } from '@shared/domain/reading-checks'
import { decideReading } from '@shared/domain/reading-decision'
import { checkTypedReading } from '@shared/domain/typed-reading'
import { defineSyncedCommand, type AuditChange } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { findFormAccount } from './account-meters'
import { MeterHistoryReader } from './meter-history'
import { closedPeriods } from './period-closures'

export interface RecordReadingsInput {
  accountNumber: string
  receivedOn: string
  source: 'paper' | 'phone'
  values: { meterId: number; value: string; confirmed: FindingCode[]; replaceReason?: string }[]
}

export interface RecordReadingsResult {
  accountId: number
  period: string
  late: boolean
  saved: {
    meterId: number
    valueMilli: number
    consumptionMilli: number | null
    flags: FindingCode[]
    /** The reading this one replaced for the period, if any: the central database checks it is still there. */
    replacedMilli: number | null
  }[]
  /** The day it counts as received: the stamp's, or the call's for a phone reading. */
  receivedOn: string
  /** When the reading counts as received (noon Moscow time of the stamp or call date). */
  receivedAt: string
}

/**
 * One reading form (docs/business-rules.md#meter-readings): every value is checked against the database as it
 * is inside this transaction, so two clerks typing the same account cannot both slip past a check.
 * Any error, unconfirmed warning or missing replacement reason refuses the whole form: nothing saved.
 */
export const recordReadings = defineSyncedCommand('readings.record')<
  RecordReadingsInput,
  RecordReadingsResult
>({
  outboxPayload: (input, result) => ({
    accountId: result.accountId,
    receivedOn: result.receivedOn,
    receivedAt: result.receivedAt,
    source: input.source,
    period: result.period,
    late: result.late,
    readings: result.saved.map((saved) => ({
      ...saved,
      replaceReason: input.values.find((v) => v.meterId === saved.meterId)?.replaceReason ?? null,
    })),
  }),
  apply(db, input, ctx) {
    const { account, meters } = findFormAccount(db, input.accountNumber)
    // A closed account takes no readings at all, even from a form that lists none
    // (docs/business-rules.md#meter-readings).
    if (account.status === 'closed') throw new AppError('READING_REFUSED', { code: 'accountClosed' })
    if (input.values.length === 0) throw new AppError('INVALID_INPUT', { fields: 'values' })
    // The same decision the central service makes again: source by role, the stamp's bounds, the period.
    const receipt = decideReceipt(
      input,
      ctx.staff ?? { role: 'operator' },
      moscowDate(new Date(ctx.at)),
      closedPeriods(db),
    )
    if ('refusal' in receipt) {
      const { code, ...params } = receipt.refusal
      throw new AppError(code, params)
    }
    const { period, late, receivedAt } = receipt
    const history = new MeterHistoryReader(db)
    const saved: RecordReadingsResult['saved'] = []
    const changes: AuditChange[] = []

    for (const entry of input.values) {
      const meter = meters.find((m) => m.id === entry.meterId)
      if (!meter) throw new AppError('NOT_FOUND', { what: 'meter', meterId: entry.meterId })
      const past = history.read(meter, period)
      const checked = checkTypedReading(entry.value, {
        accountStatus: account.status,
        meter,
        previousMilli: past.previousMilli,
        recentConsumptionMilli: past.recentConsumptionMilli,
        existingForPeriodMilli: past.existingForPeriodMilli,
        receivedOn: receipt.receivedOn,
        houseType: account.houseType,
      })
      if ('problem' in checked)
        throw new AppError('INVALID_READING_VALUE', { meterId: meter.id, problem: checked.problem })
      const { findings, consumptionMilli, valueMilli } = checked
      const decision = decideReading(findings, entry.confirmed, entry.replaceReason)
      if (decision.kind === 'refused')
        throw new AppError('READING_REFUSED', { meterId: meter.id, code: decision.code })
      if (decision.kind === 'needsConfirmation')
        throw new AppError('READING_NEEDS_CONFIRMATION', { meterId: meter.id, code: decision.codes[0]! })
      if (decision.kind === 'needsReason')
        throw new AppError('REPLACE_NEEDS_REASON', {
          meterId: meter.id,
          existingMilli: past.existingForPeriodMilli,
        })

      const flags = decision.flags as FindingCode[]
      const row = {
        meterId: meter.id,
        period,
        valueMilli,
        receivedAt,
        source: input.source,
        late: late ? 1 : 0,
        flags: flags.length ? JSON.stringify(flags) : null,
        enteredBy: ctx.staff?.id ?? null,
      }
      db.prepare(
        `INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, flags, entered_by)
        VALUES (@meterId, @period, @valueMilli, @receivedAt, @source, @late, @flags, @enteredBy)
        ON CONFLICT (meter_id, period) DO UPDATE SET value_milli = excluded.value_milli,
          received_at = excluded.received_at, source = excluded.source, late = excluded.late,
          flags = excluded.flags, entered_by = excluded.entered_by`,
      ).run(row)
      saved.push({
        meterId: meter.id,
        valueMilli,
        consumptionMilli,
        flags,
        replacedMilli: past.existingForPeriodMilli,
      })
      changes.push({
        entity: 'reading',
        entityId: `${meter.id}:${period}`,
        before: past.existingForPeriodMilli === null ? null : { valueMilli: past.existingForPeriodMilli },
        after: {
          valueMilli,
          late,
          flags,
          source: input.source,
          replaceReason: entry.replaceReason ?? null,
        },
      })
    }
    return {
      result: { accountId: account.id, period, late, saved, receivedOn: receipt.receivedOn, receivedAt },
      changes,
    }
  },
})
