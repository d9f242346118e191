import { createReadStream } from 'node:fs'
import { Transform, type TransformCallback } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'

/** One data row of an export file by its header's names, or why the row could not be read. */
export type ReadRow = { line: number; values: Record<string, string> } | { line: number; problem: string }

/** The file is not what an export must be (not UTF-8, no header): nothing of it is taken. */
export class UnreadableFile extends Error {}

/**
 * Refuses a file that is not UTF-8 as it streams (a Windows-1251 export is the usual case), before a
 * single row of it is taken: a half-decoded name would be worse than none.
 */
class StrictUtf8 extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    try {
      this.decoder.decode(chunk, { stream: true })
      done(null, chunk)
    } catch {
      done(new UnreadableFile('файл не в кодировке UTF-8 (сохраните выгрузку как «CSV UTF-8»)'))
    }
  }
}

/**
 * Rows of a billing export in CSV: UTF-8 (a BOM is allowed), `;` between fields as Russian exports
 * have it, a header line of column names. Streamed: the file is never read whole into memory. A line
 * with the wrong number of fields is reported by its line number and the rest are still read.
 */
export async function* readCsvRows(path: string): AsyncGenerator<ReadRow> {
  const skipped: ReadRow[] = []
  const parser = parse({
    delimiter: ';',
    bom: true,
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    info: true,
    skip_records_with_error: true,
  })
  parser.on('skip', (error: { lines?: number; message: string; code?: string }) => {
    skipped.push({
      line: error.lines ?? 0,
      problem:
        error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
          ? 'число полей в строке не совпадает с заголовком'
          : `строка не читается: ${error.message}`,
    })
  })
  const source = createReadStream(path).pipe(new StrictUtf8())
  source.on('error', (error) => parser.destroy(error))
  source.pipe(parser)
  for await (const record of parser as AsyncIterable<{
    record: Record<string, string>
    info: { lines: number }
  }>) {
    while (skipped.length) yield skipped.shift()!
    yield { line: record.info.lines, values: record.record }
  }
  while (skipped.length) yield skipped.shift()!
}

/**
 * Rows of the same export saved as XLSX (the first sheet; the first row names the columns), read
 * with ExcelJS's streaming reader. Dates typed as dates come out as YYYY-MM-DD, numbers as typed.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<ReadRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache', // a date cell is a number with a date format: the styles tell which
    hyperlinks: 'ignore',
    worksheets: 'emit',
  })
  let header: string[] | null = null
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const cells = (row.values as unknown[]).slice(1).map(cellText)
      if (!header) {
        header = cells.map((name) => name.trim().toLowerCase())
        continue
      }
      if (cells.every((cell) => cell === '')) continue
      if (cells.length > header.length && cells.slice(header.length).some((c) => c !== '')) {
        yield { line: row.number, problem: 'число полей в строке не совпадает с заголовком' }
        continue
      }
      yield {
        line: row.number,
        values: Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').trim()])),
      }
    }
    break
  }
  if (!header) throw new UnreadableFile('в файле нет строки заголовка')
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const cell = value as { text?: string; result?: unknown; richText?: { text: string }[] }
    if (cell.richText) return cell.richText.map((part) => part.text).join('')
    if (cell.result !== undefined) return cellText(cell.result)
    if (cell.text !== undefined) return String(cell.text)
  }
  return String(value)
}

export function readRows(path: string): AsyncGenerator<ReadRow> {
  return path.toLowerCase().endsWith('.xlsx') ? readXlsxRows(path) : readCsvRows(path)
}
