import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import { cellText, printedText } from '@shared/domain/exports/cells'
import type { ExportData, Progress } from './export-source'

const require = createRequire(import.meta.url)
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

/** A printed list this long is read by nobody: the rest is in the XLSX or CSV, and the PDF says so. */
export const PDF_MAX_ROWS = 5_000
const MARGIN = 36
const FONT_SIZE = 8

/**
 * A PDF to print (pdfkit, DejaVu Sans embedded so the Cyrillic text stays selectable): the utility's
 * name, the title, the filters used and when it was made, then each section as a table whose header
 * repeats on every page, and "стр. N из M" at the foot of each page. Landscape A4.
 */
export async function writePdf(
  data: ExportData,
  path: string,
  progress: Progress,
  madeAt: Date,
): Promise<boolean> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: data.title, Author: 'ГУП «Водоканал» г. Севастополя', CreationDate: madeAt },
  })
  const out = createWriteStream(path)
  doc.pipe(out)
  doc.registerFont('text', FONT)
  doc.registerFont('bold', FONT_BOLD)
  const width = doc.page.width - 2 * MARGIN

  doc.font('bold').fontSize(9).fillColor('#444').text('ГУП «Водоканал» г. Севастополя')
  doc.font('bold').fontSize(14).fillColor('#000').text(data.title)
  doc.font('text').fontSize(9)
  for (const [label, value] of data.filters) doc.text(`${label}: ${value}`)
  doc.text(`Сформировано: ${cellText(madeAt.toISOString(), 'dateTime')}`)
  doc.moveDown(0.6)

  let written = 0
  let stopped = false
  for (const section of data.sections) {
    const total = section.columns.reduce((sum, c) => sum + c.width, 0)
    const widths = section.columns.map((c) => (c.width / total) * width)
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'bold' : 'text').fontSize(FONT_SIZE)
      const heights = cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - 4 }))
      const height = Math.max(...heights) + 4
      if (doc.y + height > doc.page.height - MARGIN - 14) {
        doc.addPage()
        if (!bold)
          drawRow(
            section.columns.map((c) => c.header),
            true,
          )
      }
      const top = doc.y
      let x = MARGIN
      cells.forEach((text, i) => {
        // A number and its header both at the column's right edge, so each stands under its own.
        const numeric = section.columns[i]!.type !== 'text'
        doc.text(text, x + 2, top + 2, { width: widths[i]! - 4, align: numeric ? 'right' : 'left' })
        x += widths[i]!
      })
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + width, top + height)
        .strokeColor(bold ? '#555' : '#ddd')
        .lineWidth(0.5)
        .stroke()
      doc.x = MARGIN
      doc.y = top + height
    }
    doc.font('bold').fontSize(11).text(section.title, MARGIN, doc.y)
    doc.moveDown(0.3)
    drawRow(
      section.columns.map((c) => c.header),
      true,
    )
    let shown = 0
    for (const row of section.rows()) {
      if (shown === PDF_MAX_ROWS) {
        doc.moveDown(0.5)
        doc
          .font('text')
          .fontSize(9)
          .text(
            `Показаны первые ${PDF_MAX_ROWS.toLocaleString('ru-RU')} строк из ${section.count.toLocaleString('ru-RU')}; полный список — в выгрузке XLSX или CSV.`,
            MARGIN,
          )
        break
      }
      drawRow(
        section.columns.map((c) => printedText(row[c.key], c.type)),
        false,
      )
      shown += 1
      written += 1
      if (written % 500 === 0) {
        if (!progress(written)) {
          stopped = true
          break
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    if (stopped) break
    doc.moveDown(1)
  }
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // The footer sits in the bottom margin; with the margin at zero pdfkit does not start a new page.
    doc.page.margins.bottom = 0
    doc
      .font('text')
      .fontSize(8)
      .fillColor('#555')
      .text(`стр. ${i + 1} из ${range.count}`, MARGIN, doc.page.height - MARGIN, {
        width,
        align: 'right',
        lineBreak: false,
      })
  }
  doc.end()
  await once(out, 'close')
  progress(written)
  return !stopped
}
