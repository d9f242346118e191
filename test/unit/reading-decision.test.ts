import { describe, expect, it } from 'vitest'
import { decideReading } from '@shared/domain/reading-decision'

/** One rule for the batch, the phone panel, the main process and web readings (docs/business-rules.md#closure-and-re-registration-requests). */
describe('what becomes of a checked reading', () => {
  const lower = { code: 'lowerThanPrevious', severity: 'error' } as const
  const spike = { code: 'spike', severity: 'warning' } as const
  const duplicate = { code: 'duplicateForPeriod', severity: 'warning' } as const
  const overdue = { code: 'verificationOverdue', severity: 'flag' } as const

  it('an error refuses, whatever was confirmed', () => {
    expect(decideReading([spike, lower], ['spike', 'lowerThanPrevious'], 'x')).toEqual({
      kind: 'refused',
      code: 'lowerThanPrevious',
    })
  })

  it('names every unconfirmed warning', () => {
    expect(decideReading([spike, duplicate], [], null)).toEqual({
      kind: 'needsConfirmation',
      codes: ['spike', 'duplicateForPeriod'],
    })
  })

  it('a confirmed second reading for the period still needs a reason; with one it is accepted', () => {
    expect(decideReading([duplicate], ['duplicateForPeriod'], '  ')).toEqual({ kind: 'needsReason' })
    expect(decideReading([duplicate, spike, overdue], ['duplicateForPeriod', 'spike'], 'оговорился')).toEqual(
      {
        kind: 'accepted',
        flags: ['spike', 'verificationOverdue'],
      },
    )
  })
})
