import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { consumptionMilli, meterCapacityMilli } from '@shared/domain/consumption'
import { checkReading, type ReadingCheckInput } from '@shared/domain/reading-checks'
import { formatReadingValue, parseReadingValue } from '@shared/domain/reading-value'

const aReading = (overrides: Partial<ReadingCheckInput> = {}): ReadingCheckInput => ({
  accountStatus: 'active',
  meter: { status: 'active', digits: 5, verificationDue: '2030-01-01' },
  valueMilli: 105_000,
  previousMilli: 100_000,
  recentConsumptionMilli: [5_000, 4_500, 5_500],
  existingForPeriodMilli: null,
  receivedOn: '2026-11-01',
  houseType: 'mkd',
  ...overrides,
})
const codes = (input: ReadingCheckInput) => checkReading(input).findings.map((f) => `${f.severity}:${f.code}`)

describe('typed reading values', () => {
  it('accepts a comma or a dot and up to three decimals, as exact thousandths', () => {
    expect(parseReadingValue('123,456', 5)).toEqual({ milli: 123_456 })
    expect(parseReadingValue('123.4', 5)).toEqual({ milli: 123_400 })
    expect(parseReadingValue(' 00123 ', 5)).toEqual({ milli: 123_000 })
    expect(parseReadingValue('0,001', 5)).toEqual({ milli: 1 })
  })

  it('names what is wrong with a value it cannot take', () => {
    expect(parseReadingValue('', 5)).toEqual({ problem: 'empty' })
    expect(parseReadingValue('12a', 5)).toEqual({ problem: 'notANumber' })
    // A minus before digits is a negative reading, named as such (a meter only counts up).
    expect(parseReadingValue('-5', 5)).toEqual({ problem: 'negative' })
    expect(parseReadingValue('− 12,5', 5)).toEqual({ problem: 'negative' })
    expect(parseReadingValue('-', 5)).toEqual({ problem: 'notANumber' })
    expect(parseReadingValue('1,2345', 5)).toEqual({ problem: 'tooManyDecimals' })
    expect(parseReadingValue('123456', 5)).toEqual({ problem: 'tooManyDigits' })
  })

  it('reads back exactly what it formats, for every value a dial can show', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: meterCapacityMilli(8) - 1 }),
        fc.constantFrom(',', '.'),
        (milli, sep) => {
          expect(parseReadingValue(formatReadingValue(milli, sep as ',' | '.'), 8)).toEqual({ milli })
        },
      ),
    )
  })
})

describe('consumption arithmetic', () => {
  it('never drifts: previous plus consumption, modulo the dial, is the current value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 9 }), fc.nat(), fc.nat(), (digits, a, b) => {
        const capacity = meterCapacityMilli(digits)
        const previous = a % capacity
        const current = b % capacity
        const used = consumptionMilli(previous, current, digits)
        expect(used).toBeGreaterThanOrEqual(0)
        expect(used).toBeLessThan(capacity)
        expect((previous + used) % capacity).toBe(current)
        expect(Number.isInteger(used)).toBe(true)
      }),
    )
  })
})

describe('reading checks', () => {
  it('accepts an ordinary reading with its consumption and no findings', () => {
    expect(checkReading(aReading())).toEqual({ findings: [], consumptionMilli: 5_000 })
  })

  it('refuses a value lower than the previous one', () => {
    expect(codes(aReading({ valueMilli: 99_000 }))).toEqual(['error:lowerThanPrevious'])
  })

  it('takes a lower value after a nearly full dial as a roll-over the clerk confirms', () => {
    const result = checkReading(aReading({ previousMilli: 99_998_000, valueMilli: 2_000 }))
    expect(result.findings).toEqual([
      { code: 'rollOver', severity: 'warning', params: { consumptionMilli: 4_000 } },
    ])
    expect(result.consumptionMilli).toBe(4_000)
  })

  it('warns about consumption over three times the usual, and over the monthly ceiling', () => {
    expect(codes(aReading({ valueMilli: 116_000 }))).toEqual(['warning:spike'])
    expect(codes(aReading({ valueMilli: 131_000, recentConsumptionMilli: [] }))).toEqual(['warning:spike'])
    expect(
      codes(aReading({ valueMilli: 131_000, recentConsumptionMilli: [], houseType: 'private' })),
    ).toEqual([])
  })

  it('warns on the third zero in a row: a stuck or bypassed meter', () => {
    expect(codes(aReading({ valueMilli: 100_000, recentConsumptionMilli: [0, 0, 4_000] }))).toEqual([
      'warning:zeroStreak',
    ])
    expect(codes(aReading({ valueMilli: 100_000, recentConsumptionMilli: [0, 3_000] }))).toEqual([])
  })

  it('accepts a reading of a meter whose verification is overdue, flagged', () => {
    expect(
      codes(aReading({ meter: { status: 'active', digits: 5, verificationDue: '2026-10-31' } })),
    ).toEqual(['flag:verificationOverdue'])
  })

  it('refuses a closed account and a removed meter', () => {
    expect(codes(aReading({ accountStatus: 'closed' }))).toContain('error:accountClosed')
    expect(
      codes(aReading({ meter: { status: 'removed', digits: 5, verificationDue: '2030-01-01' } })),
    ).toContain('error:meterRemoved')
  })

  it('shows the existing reading when a second one arrives for the same period', () => {
    expect(checkReading(aReading({ existingForPeriodMilli: 104_000 })).findings).toEqual([
      { code: 'duplicateForPeriod', severity: 'warning', params: { existingMilli: 104_000 } },
    ])
  })

  it('has no consumption to judge for a meter with no previous reading', () => {
    expect(checkReading(aReading({ previousMilli: null }))).toEqual({ findings: [], consumptionMilli: null })
  })
})
