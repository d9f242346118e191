import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { csvField } from '@shared/domain/exports/cells'
import type { ExportData, Progress } from './export-source'

/** Rows between turns of the event loop: the window and sync keep working while a big file is written. */
const CHUNK = 2_000

/**
 * CSV for Russian Excel (docs/business-rules.md#reports-exports-and-the-audit-trail): UTF-8 with a byte-order
 * mark, `;` between fields, CRLF, decimal commas and dd.mm.yyyy dates. Several sections follow one another,
 * each with its title line and header, a blank line between them. Written as a stream, honouring the disk's
 * pace.
 */
export async function writeCsv(data: ExportData, path: string, progress: Progress): Promise<boolean> {
  const out = createWriteStream(path, { encoding: 'utf8' })
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  let written = 0
  let stopped = false
  try {
    await write('\uFEFF')
    for (const [index, section] of data.sections.entries()) {
      if (data.sections.length > 1)
        await write(`${index ? '\r\n' : ''}${csvField(section.title, 'text')}\r\n`)
      await write(`${section.columns.map((c) => csvField(c.header, 'text')).join(';')}\r\n`)
      let lines: string[] = []
      for (const row of section.rows()) {
        let line = ''
        for (const [at, c] of section.columns.entries())
          line += (at ? ';' : '') + csvField(row[c.key], c.type)
        lines.push(line)
        if (lines.length === CHUNK) {
          await write(`${lines.join('\r\n')}\r\n`)
          lines = []
          written += CHUNK
          if (!progress(written)) {
            stopped = true
            break
          }
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
      if (stopped) break
      if (lines.length) await write(`${lines.join('\r\n')}\r\n`)
      written += lines.length
      progress(written)
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return !stopped
}
