import { describe, expect, it } from 'vitest'
import { callerNumber, incomingCallIn, incomingCallLink } from '@shared/domain/incoming-call'

/** What softphones and PBXs hand the console on an incoming call (docs/screen-pop.md). */
describe('an incoming call', () => {
  it('reads the number from the command line, spaced or not', () => {
    expect(incomingCallIn(['vodokanal-console.exe', '--incoming-call', '+7 (978) 123-45-67'])).toBe(
      '+79781234567',
    )
    expect(incomingCallIn(['vodokanal-console', '--incoming-call=89781234567'])).toBe('89781234567')
    expect(incomingCallIn(['vodokanal-console'])).toBeNull()
  })
  it('reads it from a vodokanal: link, as MicroSIP and Zoiper open one', () => {
    expect(incomingCallLink('vodokanal://call/+79781234567')).toBe('+79781234567')
    expect(incomingCallLink('vodokanal:call/%2B79781234567')).toBe('+79781234567')
    expect(incomingCallLink('vodokanal:call?number=+79781234567')).toBe('+79781234567')
    expect(incomingCallIn(['electron', '.', 'vodokanal://call/550123'])).toBe('550123')
  })
  it('ignores what is not a telephone number', () => {
    expect(callerNumber('1234')).toBeNull()
    expect(callerNumber('<script>')).toBeNull()
    expect(callerNumber('+7978123456789012')).toBeNull()
    expect(incomingCallLink('vodokanal://open/40000001')).toBeNull()
  })
})
