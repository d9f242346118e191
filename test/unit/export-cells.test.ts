import { describe, expect, it } from 'vitest'
import { cellText, csvField, neutralised, printedText } from '@shared/domain/exports/cells'

describe('cells as Russian Excel reads them', () => {
  it('writes thousandths and kopecks with a decimal comma, dates as dd.mm.yyyy, times in Moscow', () => {
    expect(cellText(12_250, 'decimal3')).toBe('12,250')
    expect(cellText(123_456, 'money')).toBe('1234,56')
    expect(cellText('2026-11-30', 'date')).toBe('30.11.2026')
    expect(cellText('2026-11-30T21:30:00.000Z', 'dateTime')).toBe('01.12.2026 00:30')
    expect(cellText('2026-11', 'period')).toBe('11.2026')
    expect(cellText(null, 'decimal3')).toBe('')
  })

  it('keeps a cell that starts like a formula as text, and only text cells', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutralised(`${start}1+1`)).toBe(`'${start}1+1`)
    expect(neutralised('Иванов')).toBe('Иванов')
    expect(csvField('=cmd|"/c calc"!A1', 'text')).toBe(`"'=cmd|""/c calc""!A1"`)
    expect(csvField(-5_000, 'decimal3')).toBe('-5,000')
  })

  it('keeps a 12-digit EIRC number and a leading zero as the digits Excel must show', () => {
    expect(csvField('920100000001', 'text')).toBe('="920100000001"')
    expect(csvField('0123', 'text')).toBe('="0123"')
    expect(csvField('40000001', 'text')).toBe('40000001')
    expect(csvField(920100000001, 'integer')).toBe('920100000001')
  })

  it('quotes fields with a semicolon, a quote or a line break', () => {
    expect(csvField('ул. Ленина; д. 1', 'text')).toBe('"ул. Ленина; д. 1"')
    expect(csvField('строка\nдругая', 'text')).toBe('"строка\nдругая"')
  })

  it('prints for a reader: numbers grouped by thousands, periods by their month; a CSV keeps them plain', () => {
    expect(printedText(19703, 'integer')).toBe('19\u00a0703')
    expect(printedText(123456, 'money')).toBe('1\u00a0234,56')
    expect(printedText(0.1, 'decimal1')).toBe('0,1')
    expect(printedText('2026-12', 'period')).toBe('декабрь 2026')
    expect(cellText(19703, 'integer')).toBe('19703')
    expect(cellText('2026-12', 'period')).toBe('12.2026')
  })
})
