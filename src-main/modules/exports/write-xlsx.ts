import { once } from 'node:events'
import type { EventEmitter } from 'node:events'
import ExcelJS from 'exceljs'
import type { ColumnType } from '@shared/domain/exports/cells'
import { neutralised, periodCell } from '@shared/domain/exports/cells'
import type { ExportData, Progress } from './export-source'

const CHUNK = 2_000

/** Excel number formats; Russian Excel shows `.` as its decimal comma and `,` as its group space. */
const FORMATS: Partial<Record<ColumnType, string>> = {
  integer: '0',
  decimal1: '0.0',
  decimal3: '0.000',
  money: '#,##0.00',
  date: 'dd.mm.yyyy',
  dateTime: 'dd.mm.yyyy hh:mm',
}

const MOSCOW_MS = 3 * 3_600_000

/** A value as Excel should hold it: real numbers and dates, text as text (formulas neutralised). */
function cellValue(value: unknown, type: ColumnType): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null
  switch (type) {
    case 'integer':
    case 'decimal1':
      return Number(value)
    case 'decimal3':
      return Number(value) / 1000
    case 'money':
      return Number(value) / 100
    case 'date':
      return new Date(`${String(value).slice(0, 10)}T00:00:00Z`)
    case 'dateTime':
      // Excel has no time zones: the Moscow wall-clock time, written as if it were UTC.
      return new Date(Date.parse(String(value)) + MOSCOW_MS)
    case 'period':
      return periodCell(String(value))
    default:
      return neutralised(String(value))
  }
}

/**
 * Waits until the zip has taken in what the sheet has written so far. exceljs's streaming writer hands
 * each 64 KB of a sheet to the zip without waiting, so rows read faster than they are compressed piled
 * up in memory (140 MB waited in the zip's input for the 300,000-account register); its sheet stream's `pipes`
 * (not typed by exceljs) are the zip's inputs, and waiting for them to drain keeps the backlog small.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes ?? []
  for (const pipe of pipes) if (pipe._writableState?.needDrain) await once(pipe, 'drain')
}

/** archiver's input for a sheet: a PassThrough of the `readable-stream` package (its state is not public). */
type ZipInput = EventEmitter & { _writableState?: { needDrain: boolean } }

/**
 * XLSX with exceljs's streaming writer (rows go to disk as they are added): one sheet per section,
 * the header row bold and frozen, an autofilter over it, column widths, and Russian formats.
 */
export async function writeXlsx(data: ExportData, path: string, progress: Progress): Promise<boolean> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = 'ГУП «Водоканал»'
  let written = 0
  let stopped = false
  for (const section of data.sections) {
    // Sheet names: at most 31 characters, none of []:*?/\
    const sheet = workbook.addWorksheet(section.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    sheet.columns = section.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }))
    // One style object per format, given to every cell of its column: exceljs knows an object it has
    // seen, while a column's style is copied into each cell and worked out again (a tenth of the time).
    const styled = section.columns.flatMap((c, index) => {
      const numFmt = FORMATS[c.type]
      return numFmt ? [{ column: index + 1, style: { numFmt } as Partial<ExcelJS.Style> }] : []
    })
    sheet.getRow(1).font = { bold: true }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: section.columns.length } }
    sheet.getRow(1).commit()
    let sinceTurn = 0
    for (const row of section.rows()) {
      const added = sheet.addRow(section.columns.map((c) => cellValue(row[c.key], c.type)))
      for (const { column, style } of styled) {
        const cell = added.getCell(column)
        if (cell.value !== null) cell.style = style
      }
      added.commit()
      written += 1
      if (++sinceTurn === CHUNK) {
        sinceTurn = 0
        if (!progress(written)) {
          stopped = true
          break
        }
        await zipCaughtUp(sheet)
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    sheet.commit()
    if (stopped) break
    progress(written)
  }
  await workbook.commit()
  return !stopped
}
