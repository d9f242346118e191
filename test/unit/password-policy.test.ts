import { describe, expect, it } from 'vitest'
import { passwordProblem } from '@shared/domain/password-policy'

describe('password policy', () => {
  it('refuses fewer than 8 characters, counting letters, not bytes', () => {
    expect(passwordProblem('короткий'.slice(0, 7), 'коротки', 'ivanov')).toBe('tooShort')
    expect(passwordProblem('восемьсм', 'восемьсм', 'ivanov')).toBeNull()
  })
  it('refuses a password that contains the login, in any case', () => {
    expect(passwordProblem('xxIVANOVxx', 'xxIVANOVxx', 'ivanov')).toBe('containsLogin')
  })
  it('refuses two different entries', () => {
    expect(passwordProblem('достаточно-длинный', 'достаточно-длинныи', 'ivanov')).toBe('differs')
  })
})
