import { describe, expect, it } from 'vitest'
import { redact } from '../../src-main/logging/redact'

describe('log redaction', () => {
  it('keeps what happened and drops who: emails, phones, Russian text', () => {
    expect(
      redact('command accounts.update failed for Иванова Мария, +7 (978) 123-45-67, maria.ivanova@mail.ru'),
    ).toBe('command accounts.update failed for [ru] [ru], [phone], [email]')
    expect(redact('SqliteError: UNIQUE constraint failed: accounts.number (40012345)')).toBe(
      'SqliteError: UNIQUE constraint failed: accounts.number (40012345)',
    )
    expect(redact('письмо иванову@почта.рф')).toBe('[ru] [email]')
    expect(redact('89781234567')).toBe('[phone]')
  })
})
