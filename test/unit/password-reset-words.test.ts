import { describe, expect, it } from 'vitest'
import { resetOutcome } from '@shared/domain/password-reset-words'

describe('what became of a password-reset request, in words', () => {
  const at = new Date('2026-12-03T00:00:00+03:00')

  it('says the link was sent while it lives, and expired once its 24 hours are over', () => {
    const sent = { state: 'sent' as const, refusalReason: null, expiresAt: '2026-12-02T23:59:00+03:00' }
    expect(resetOutcome({ ...sent, expiresAt: '2026-12-03T00:00:01+03:00' }, at)).toBe('ссылка отправлена')
    expect(resetOutcome(sent, at)).toBe('ссылка не использована, срок истёк')
    expect(resetOutcome({ ...sent, state: 'used' }, at)).toBe('ссылка использована, пароль сменён')
  })

  it('names the precise refusal for staff', () => {
    expect(resetOutcome({ state: 'refused', refusalReason: 'surnameMismatch', expiresAt: null }, at)).toBe(
      'не отправлена: фамилия не совпала с фамилией владельца',
    )
    expect(resetOutcome({ state: 'refused', refusalReason: 'alreadySent', expiresAt: null }, at)).toBe(
      'не отправлена: ссылка уже ушла в течение часа',
    )
  })
})
