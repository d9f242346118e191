import { copyFile } from 'node:fs/promises'
import type { exportsChannels } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import { closingRefusal } from '@shared/domain/period-closing'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { readClosure, setPeriodClosed } from '../readings/period-closures'
import type { ExportJobs } from './export-jobs'
import { questionsQueue, registrationsQueue, requestsQueue } from './sources/queues'
import { readingsRegister } from './sources/readings-register'

/** Where Electron saves a finished export: its save dialog (null: the person cancelled it). */
export type SaveFileDialog = (suggestedName: string) => Promise<string | null>

export function exportsHandlers(
  deps: ModuleDeps,
  jobs: ExportJobs,
  saveDialog: SaveFileDialog | null,
): Handlers<keyof typeof exportsChannels> {
  const db = deps.local.sql
  return {
    /**
     * The register, then — when asked, and only once the file is whole — the period closed: a
     * supervisor's confirmed command, audited and sent to the central service like any other.
     */
    'exports.readingsRegister': (input, { session }) => {
      const staff = session.staff
      if (input.close && readClosure(db, input.period)?.closed)
        throw new AppError('PERIOD_ALREADY_CLOSED', { period: input.period })
      // Refused before the file is made: an early close without its reason would fail after it.
      const refusal = input.close
        ? closingRefusal(
            { period: input.period, closed: true, reason: input.reason },
            moscowDate(deps.clock.now()),
          )
        : null
      if (refusal) {
        const { code, ...params } = refusal
        throw new AppError(code, params)
      }
      const started = jobs.start(
        (reader) => readingsRegister(reader, input.period),
        input.format,
        staff.login,
      )
      if (input.close)
        void jobs.file(started.jobId, staff.login).then((file) => {
          if (file && !readClosure(db, input.period)?.closed)
            deps.pipeline.run(
              setPeriodClosed,
              {
                period: input.period,
                closed: true,
                reason: [input.reason, `реестр выгружен: ${started.fileName}`].filter(Boolean).join('; '),
              },
              { staff },
            )
        })
      return started
    },

    'exports.queue': (input, { session }) => {
      const now = deps.clock.now()
      const me = session.staff.login
      return jobs.start(
        (reader) =>
          input.queue === 'registrations'
            ? registrationsQueue(reader, now)
            : input.queue === 'requests'
              ? requestsQueue(reader, now)
              : questionsQueue(reader, input.view, input.search, me, now),
        input.format,
        me,
      )
    },

    'exports.wait': async (input, { session }) => {
      const outcome = await jobs.outcome(input.jobId, session.staff.login)
      if (!outcome) throw new AppError('NOT_FOUND', { what: 'export' })
      return outcome
    },

    'exports.cancel': (input, { session }) => {
      jobs.cancel(input.jobId, session.staff.login)
      return {}
    },

    'exports.save': async (input, { session }) => {
      const file = await jobs.file(input.jobId, session.staff.login)
      if (!file) throw new AppError('NOT_FOUND', { what: 'export' })
      if (!saveDialog) throw new AppError('FORBIDDEN')
      const target = await saveDialog(file.fileName)
      if (!target) return { saved: false, fileName: file.fileName }
      await copyFile(file.path, target)
      jobs.forget(input.jobId)
      return { saved: true, fileName: file.fileName }
    },
  }
}
