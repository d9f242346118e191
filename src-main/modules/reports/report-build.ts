import type { ReportParams, ReportResult } from '@shared/contract'
import type { ExportData } from '../exports/export-source'

/** A report made: the tables (read lazily, as exports read them) and the chart the screen draws. */
export interface ReportBuild {
  data: ExportData
  chart: ReportResult['chart']
}

/** SQL fragments for the filters every readings report takes. */
export const filterSql = {
  district: `(@district IS NULL OR a.district = @district)`,
  source: `(@source IS NULL OR r.source = @source)`,
}

export function filterParams(params: ReportParams) {
  return { period: params.period, district: params.district, source: params.source }
}

/** The filters as the PDF's header and the report's subtitle print them. */
export function filterLines(params: ReportParams, periodWords: string, sourceWords: Record<string, string>) {
  const lines: [string, string][] = [['Период', periodWords]]
  if (params.district) lines.push(['Район', params.district])
  if (params.source) lines.push(['Источник', sourceWords[params.source] ?? params.source])
  return lines
}

/** Rows already in memory, offered as the lazy kind exports take. */
export const rowsOf = (rows: Record<string, unknown>[]) => () => rows
