import { z } from 'zod'
import { channel } from '../channel'

export const REPORTS = [
  'coverage',
  'lateFlagged',
  'silent',
  'registrations',
  'requestsQuestions',
  'staff',
] as const
export type ReportName = (typeof REPORTS)[number]

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period' })

export const reportParamsSchema = z.object({
  period,
  district: z.string().trim().max(100).nullable().default(null),
  source: z.enum(['paper', 'phone', 'web', 'inspector']).nullable().default(null),
})
export type ReportParams = z.output<typeof reportParamsSchema>

const columnSchema = z.object({
  key: z.string(),
  header: z.string(),
  type: z.enum(['text', 'integer', 'decimal1', 'decimal3', 'money', 'date', 'dateTime', 'period']),
  width: z.number(),
})

/** A report as the screen shows it: its tables (the first rows of each), a chart, the districts to filter by. */
export const reportResultSchema = z.object({
  title: z.string(),
  filters: z.array(z.tuple([z.string(), z.string()])),
  sections: z.array(
    z.object({
      title: z.string(),
      columns: z.array(columnSchema),
      rows: z.array(z.record(z.string(), z.unknown())),
      /** All rows; the screen shows the first 500, the export all of them. */
      count: z.number().int(),
    }),
  ),
  chart: z
    .object({
      kind: z.enum(['line', 'bar']),
      /** Shares run 0–100 whatever the data; counts from 0 to their largest (at least 1). */
      unit: z.enum(['percent', 'count']),
      title: z.string(),
      labels: z.array(z.string()),
      series: z.array(z.object({ label: z.string(), data: z.array(z.number().nullable()) })),
    })
    .nullable(),
  districts: z.array(z.string()),
})
export type ReportResult = z.infer<typeof reportResultSchema>

const readers = ['clerk', 'supervisor'] as const

export const reportsChannels = {
  'reports.run': channel({
    input: z.object({ report: z.enum(REPORTS), params: reportParamsSchema }),
    output: reportResultSchema,
    access: readers,
  }),
  /** The whole report as a file (XLSX, CSV or PDF), in the background like every export. */
  'reports.export': channel({
    input: z.object({
      report: z.enum(REPORTS),
      params: reportParamsSchema,
      format: z.enum(['xlsx', 'csv', 'pdf']),
    }),
    output: z.object({ jobId: z.string(), fileName: z.string() }),
    access: readers,
  }),
}
