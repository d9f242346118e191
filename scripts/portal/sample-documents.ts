import { createRequire } from 'node:module'
import jpeg from 'jpeg-js'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')

/**
 * Documents as subscribers attach them: a one-page PDF with Russian text (a contract, an extract),
 * and a JPEG photo of a page (grey paper, dark lines of "text"). Real files, so the console's viewer
 * renders them as it would a subscriber's.
 */
export function samplePdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 64 })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.font(FONT).fontSize(16).text(title, { align: 'center' }).moveDown()
  doc.fontSize(11)
  for (const line of lines) doc.text(line).moveDown(0.5)
  doc.end()
  return done
}

export function sampleJpeg(width = 480, height = 640): Buffer {
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      // Lines of "text" every 24 pixels, ragged at the right like a typed page.
      const line = y > 60 && y % 24 < 6 && x > 40 && x < width - 40 - ((y * 7) % 90)
      const header = y > 20 && y < 40 && x > 120 && x < width - 120
      const shade = line || header ? 40 : 232 - ((x + y) % 7)
      const i = (y * width + x) * 4
      data[i] = shade
      data[i + 1] = shade
      data[i + 2] = shade + (line ? 0 : 6)
      data[i + 3] = 255
    }
  return Buffer.from(jpeg.encode({ data, width, height }, 80).data)
}
