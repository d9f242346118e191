import { z } from 'zod'
import { channel } from '../channel'

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** What a running export reports, pushed as the `export.progress` event. */
export interface ExportProgress {
  jobId: string
  fileName: string
  written: number
  total: number
  state: 'running' | 'done' | 'cancelled' | 'failed'
}

const started = z.object({ jobId: z.string(), fileName: z.string() })
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period' })

export const exportsChannels = {
  /**
   * The readings register for the billing system
   * (docs/business-rules.md#reports-exports-and-the-audit-trail): every accepted reading of the period and
   * the accounts without one. `close`: the period closes once the file is written.
   */
  'exports.readingsRegister': channel({
    input: z.object({
      period,
      format: z.enum(['xlsx', 'csv']),
      close: z.boolean().default(false),
      /** Why a period still collecting readings is closed early (docs/business-rules.md#meter-readings). */
      reason: z.string().trim().max(500).nullable().default(null),
    }),
    output: started,
    access: ['supervisor'],
  }),
  /**
   * Answers when the export has finished, however it finished: the screen learns the end from this
   * call, not only from the progress events, which a page still connecting its event socket can miss.
   */
  'exports.wait': channel({
    input: z.object({ jobId: z.string() }),
    output: z.object({ state: z.enum(['done', 'cancelled', 'failed']), fileName: z.string() }),
    access: 'signedIn',
  }),
  /** A work queue as a supervisor sees it (registrations, requests, one view of the questions inbox). */
  'exports.queue': channel({
    input: z.object({
      queue: z.enum(['registrations', 'requests', 'questions']),
      view: z.enum(['new', 'mine', 'waiting', 'overdue', 'closed', 'all']).default('all'),
      search: z.string().max(200).default(''),
      format: z.enum(['xlsx', 'csv', 'pdf']),
    }),
    output: started,
    access: ['supervisor'],
  }),
  /** Stops a running export; what was written is thrown away. */
  'exports.cancel': channel({
    input: z.object({ jobId: z.string() }),
    output: z.object({}),
    access: 'signedIn',
  }),
  /**
   * Electron: the save dialog, then the file where the person chose (`saved: false` when they
   * cancelled the dialog). The browser shell downloads from /api/download/<jobId> instead.
   */
  'exports.save': channel({
    input: z.object({ jobId: z.string() }),
    output: z.object({ saved: z.boolean(), fileName: z.string() }),
    access: 'signedIn',
  }),
}
