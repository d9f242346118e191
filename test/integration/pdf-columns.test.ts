import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writePdf } from '../../src-main/modules/exports/write-pdf'

/** Each word pdftotext finds on the page, with its box. */
function words(pdf: string): { text: string; xMin: number; xMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]), text: m[3]! }))
}

/**
 * A printed report's numbers stand under their own column's header
 * (docs/business-rules.md#reports-exports-and-the-audit-trail): a numeric column's header and its
 * numbers share the column's right edge, read back from the PDF with pdftotext.
 */
describe('the printed report’s columns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-columns-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('puts each number under its own header', async () => {
    const path = join(dir, 'coverage.pdf')
    await writePdf(
      {
        title: 'Охват показаниями',
        filters: [],
        baseName: 'coverage',
        sections: [
          {
            title: 'По районам',
            count: 2,
            columns: [
              { key: 'district', header: 'Район', type: 'text', width: 30 },
              { key: 'accounts', header: 'Счетов', type: 'integer', width: 12 },
              { key: 'read', header: 'Сдали', type: 'integer', width: 12 },
              { key: 'share', header: 'Охват', type: 'decimal1', width: 12 },
            ],
            rows: () => [
              { district: 'Ленинский', accounts: 19703, read: 16811, share: 85.3 },
              { district: 'Гагаринский', accounts: 7, read: 6, share: 85.7 },
            ],
          },
        ],
      },
      path,
      () => true,
      new Date('2026-12-07T09:00:00Z'),
    )
    const found = words(path)
    // The last word of each name: the title "Охват показаниями" comes before the column "Охват".
    const right = (text: string) => found.findLast((w) => w.text === text)!.xMax
    for (const [header, values] of [
      // "19 703" is printed grouped; pdftotext reads its groups as two words, the last at the edge.
      ['Счетов', ['703', '7']],
      ['Сдали', ['811', '6']],
      ['Охват', ['85,3', '85,7']],
    ] as const)
      for (const value of values) expect(Math.abs(right(header) - right(value))).toBeLessThan(2)
    // The text column stays at its left edge.
    expect(
      Math.abs(found.find((w) => w.text === 'Район')!.xMin - found.find((w) => w.text === 'Ленинский')!.xMin),
    ).toBeLessThan(2)
  })
})
