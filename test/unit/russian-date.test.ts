import { describe, expect, it } from 'vitest'
import { readRussianDate, typedRussianDate } from '@shared/domain/russian-date'

// docs/business-rules.md#dates-typed-by-hand
describe('a date typed by hand', () => {
  it('reads a whole, real date as its ISO form', () => {
    expect(readRussianDate('01.12.2026')).toEqual({ iso: '2026-12-01' })
    expect(readRussianDate('29.02.2028')).toEqual({ iso: '2028-02-29' })
    expect(readRussianDate(' 31.12.2026 ')).toEqual({ iso: '2026-12-31' })
  })

  it('names what is wrong instead of falling back to another date', () => {
    expect(readRussianDate('07.12.202011220266')).toEqual({ problem: 'incomplete' })
    expect(readRussianDate('01.12.26')).toEqual({ problem: 'incomplete' })
    expect(readRussianDate('31.11.2026')).toEqual({ problem: 'noSuchDate' })
    expect(readRussianDate('29.02.2027')).toEqual({ problem: 'noSuchDate' })
    expect(readRussianDate('00.01.2026')).toEqual({ problem: 'noSuchDate' })
    expect(readRussianDate('')).toEqual({ empty: true })
  })

  it('keeps inside the bounds: a stamp cannot be after today', () => {
    const bounds = { min: '2026-01-01', max: '2026-12-07' }
    expect(readRussianDate('07.12.2026', bounds)).toEqual({ iso: '2026-12-07' })
    expect(readRussianDate('08.12.2026', bounds)).toEqual({ problem: 'afterMax' })
    expect(readRussianDate('02.12.2062', bounds)).toEqual({ problem: 'afterMax' })
    expect(readRussianDate('31.12.2025', bounds)).toEqual({ problem: 'beforeMin' })
  })

  it('puts the dots in as the digits come, and takes no more than a date', () => {
    expect(typedRussianDate('01122026')).toBe('01.12.2026')
    expect(typedRussianDate('0112')).toBe('01.12')
    expect(typedRussianDate('011')).toBe('01.1')
    expect(typedRussianDate('01.12.2026')).toBe('01.12.2026')
    expect(typedRussianDate('01.12.20261')).toBe('01.12.2026')
    expect(typedRussianDate('01/12/2026')).toBe('01.12.2026')
  })
})
