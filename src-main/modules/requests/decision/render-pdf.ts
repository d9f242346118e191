import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import type { DecisionText } from './decision-text'

const require = createRequire(import.meta.url)
/** DejaVu Sans: a free font with the whole Cyrillic alphabet, embedded so the text is selectable. */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

const UTILITY = 'ГУП «Водоканал» г. Севастополя'
const DEPARTMENT = 'Абонентский отдел'

/**
 * A decision as an A4 PDF (pdfkit) with the utility's header, the facts as a two-column list, the
 * text, and the page number in the footer. The creation date is fixed to the decision's day, so the
 * same decision printed twice is the same file.
 */
export function renderDecisionPdf(
  text: DecisionText,
  decidedOn: string,
  letterhead: { letterheadAddress: string; letterheadPhone: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 56 },
    bufferPages: true,
    info: { Title: text.title, Author: UTILITY, CreationDate: new Date(`${decidedOn}T00:00:00Z`) },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('text', FONT)
  doc.registerFont('bold', FONT_BOLD)

  doc.font('bold').fontSize(13).text(UTILITY, { align: 'center' })
  doc.font('text').fontSize(10).fillColor('#444').text(DEPARTMENT, { align: 'center' })
  // The utility's address and phone, as a supervisor set them (Settings); a line only when set.
  const contacts = [
    letterhead.letterheadAddress,
    letterhead.letterheadPhone && `тел. ${letterhead.letterheadPhone}`,
  ].filter(Boolean)
  if (contacts.length) doc.fontSize(9).text(contacts.join(', '), { align: 'center' })
  const ruleY = doc.y + 6
  doc
    .moveTo(64, ruleY)
    .lineTo(doc.page.width - 56, ruleY)
    .strokeColor('#888')
    .stroke()
  doc.moveDown(1).fillColor('#000')
  doc.font('text').fontSize(10).text(text.outgoing, 64, doc.y)
  doc.moveDown(1.2)
  doc
    .font('bold')
    .fontSize(15)
    .text(text.title, 64, doc.y, { align: 'center', width: doc.page.width - 120 })
  doc.moveDown(1.2)

  doc.fontSize(11)
  for (const [label, value] of text.facts) {
    const y = doc.y
    doc.font('bold').text(`${label}:`, 64, y, { width: 150 })
    const labelBottom = doc.y
    doc.font('text').text(value, 220, y, { width: doc.page.width - 56 - 220 })
    doc.y = Math.max(doc.y, labelBottom) + 3
  }
  doc.moveDown(1)
  doc.font('text').fontSize(11)
  for (const paragraph of text.paragraphs) {
    doc.text(paragraph, 64, doc.y, { align: 'justify', width: doc.page.width - 120 })
    doc.moveDown(0.8)
  }
  // The signature block: position, a line to sign on, the name; the place for the stamp beside it.
  doc.moveDown(1.5)
  const signY = doc.y
  doc.font('text').fontSize(11).text(text.signer.position, 64, signY, { width: 200 })
  doc.text('________________', 280, signY, { width: 120 })
  doc.text(text.signer.name, 410, signY, { width: doc.page.width - 56 - 410 })
  doc.fontSize(9).fillColor('#444').text('подпись', 280, doc.y, { width: 120, align: 'center' })
  doc.fontSize(10).text('М. П.', 64, doc.y + 10)
  doc.fillColor('#000')

  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font('text')
      .fontSize(9)
      .fillColor('#666')
      .text(`Страница ${i + 1} из ${range.count}`, 64, doc.page.height - 40, {
        align: 'center',
        width: doc.page.width - 120,
      })
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return done
}
