import type {
  readingBatchChannels,
  readingsChannels,
  readingSupervisionChannels,
  webReadingChannels,
} from '@shared/contract'
import { assignPeriodForMoscowDate } from '@shared/domain/billing-period'
import { moscowDate } from '@shared/domain/moscow-time'
import { runAndHearCentral } from '../../commands/run-and-hear'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { findFormAccount } from './account-meters'
import { MeterHistoryReader } from './meter-history'
import { overrideReading } from './override-reading'
import { closedPeriods, setPeriodClosed } from './period-closures'
import { readPeriodOverview } from './period-overview'

/** Problems no retyping of values can fix: the form stays in the batch, unresolved (docs/business-rules.md#meter-readings). */
function isUnresolvable(error: AppError): boolean {
  if (error.code === 'UNKNOWN_ACCOUNT') return true
  return (
    error.code === 'READING_REFUSED' &&
    (error.params.code === 'accountClosed' || error.params.code === 'meterRemoved')
  )
}
import {
  finishBatch,
  markUnresolved,
  openBatch,
  openBatchOf,
  readBatch,
  passedValues,
  readOthersOpenBatches,
  readUnresolvedForms,
  saveDraft,
  saveNothingPassed,
  setFormAside,
  submitForm,
  takeOverBatch,
  takeUnresolvedForm,
} from './batches'
import { recordReadings } from './record-readings'
import { readWebReview, reviewWebReading } from './web-readings'

export function readingsHandlers(
  deps: ModuleDeps,
): Handlers<
  | keyof typeof readingsChannels
  | keyof typeof readingBatchChannels
  | keyof typeof readingSupervisionChannels
  | keyof typeof webReadingChannels
> {
  const { local, pipeline, clock } = deps
  const history = new MeterHistoryReader(local.sql)

  return {
    'readings.formContext': (input) => {
      const { account, meters } = findFormAccount(local.sql, input.accountNumber)
      const { period, late } = assignPeriodForMoscowDate(input.receivedOn, closedPeriods(local.sql))
      return {
        account,
        period,
        late,
        meters: meters.map((meter) => ({ ...meter, ...history.read(meter, period) })),
      }
    },

    // Source by role, the stamp's bounds and the period: the command's shared decision
    // (shared/domain/readings/reading-receipt.ts), which the central service makes again.
    'readings.record': (input, { session }) => {
      const { period, late, saved } = pipeline.run(recordReadings, input, { staff: session.staff })
      return { period, late, saved }
    },

    'readings.openBatch': (input, { session }) => {
      if (input.receivedOn > moscowDate(clock.now()))
        throw new AppError('RECEIVED_IN_FUTURE', { date: input.receivedOn })
      const id = pipeline.run(
        openBatch,
        { receivedOn: input.receivedOn, staffId: session.staff.id },
        { staff: session.staff },
      )
      return readBatch(local.sql, id)
    },

    'readings.stampPeriod': (input) => assignPeriodForMoscowDate(input.receivedOn, closedPeriods(local.sql)),

    'readings.currentBatch': (_input, { session }) => {
      const id = openBatchOf(local.sql, session.staff.id)
      return id === null ? null : readBatch(local.sql, id)
    },

    'readings.saveDraft': (input, { session }) => {
      pipeline.run(saveDraft, input, { staff: session.staff })
      return {}
    },

    'readings.submitForm': (input, { session }) => {
      const staff = session.staff
      try {
        if (input.values.length > 0 && passedValues(input).values.length === 0) {
          pipeline.run(saveNothingPassed, input, { staff })
          return { form: formAt(input.batchId, input.position), period: null, late: false }
        }
        const { period, late } = pipeline.run(submitForm, input, { staff })
        return { form: formAt(input.batchId, input.position), period, late }
      } catch (error) {
        if (!(error instanceof AppError) || !isUnresolvable(error)) throw error
        pipeline.run(
          markUnresolved,
          { ...input, problem: { code: error.code, params: error.params } },
          { staff },
        )
        return { form: formAt(input.batchId, input.position), period: null, late: false }
      }
    },

    'readings.finishBatch': (input, { session }) =>
      pipeline.run(finishBatch, input, { staff: session.staff }),

    'readings.setAside': (input, { session }) => {
      pipeline.run(setFormAside, input, { staff: session.staff })
      return { form: formAt(input.batchId, input.position) }
    },

    'readings.openBatches': (_input, { session }) => readOthersOpenBatches(local.sql, session.staff.id),

    'readings.unresolvedForms': (_input, { session }) => readUnresolvedForms(local.sql, session.staff),

    'readings.takeUnresolvedForm': (input, { session }) => {
      const staff = session.staff
      const batchId = pipeline.run(
        takeUnresolvedForm,
        { ...input, staffId: staff.id, role: staff.role },
        { staff },
      )
      return readBatch(local.sql, batchId)
    },

    'readings.takeOverBatch': (input, { session }) => {
      pipeline.run(takeOverBatch, input, { staff: session.staff })
      return readBatch(local.sql, input.batchId)
    },

    'readings.periodOverview': (input) =>
      readPeriodOverview(local.sql, input.period, moscowDate(clock.now()), {
        attention: input.attentionOffset,
        missing: input.missingOffset,
      }),

    'readings.setPeriodClosed': (input, { session }) => {
      pipeline.run(setPeriodClosed, input, { staff: session.staff })
      return {}
    },

    'readings.override': (input, { session }) => {
      pipeline.run(overrideReading, input, { staff: session.staff })
      return {}
    },

    'readings.webReview': () => readWebReview(local.sql),

    // The reviewer hears at once when another console decided first (who and when), as with registrations.
    'readings.reviewWeb': async (input, { session }) => {
      await runAndHearCentral(deps, reviewWebReading, input, { staff: session.staff })
      return {}
    },
  }

  function formAt(batchId: number, position: number) {
    return readBatch(local.sql, batchId).forms.find((f) => f.position === position)!
  }
}
