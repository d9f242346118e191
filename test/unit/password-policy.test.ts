import { describe, expect, it } from 'vitest'
import { passwordProblem } from '@shared/domain/password-policy'
import { isCommonPassword } from '@shared/domain/common-passwords'

describe('password policy', () => {
  it('refuses fewer than 8 characters, counting letters, not bytes', () => {
    expect(passwordProblem('короткий'.slice(0, 7), 'коротки', 'ivanov')).toBe('tooShort')
    expect(passwordProblem('восемьсм', 'восемьсм', 'ivanov')).toBeNull()
  })
  it('refuses a password that contains the login, in any case', () => {
    expect(passwordProblem('xxIVANOVxx', 'xxIVANOVxx', 'ivanov')).toBe('containsLogin')
  })
  it('refuses a password of spaces only, however long', () => {
    expect(passwordProblem('          ', '          ', 'ivanov')).toBe('onlySpaces')
    expect(passwordProblem('пароль с пробелами', 'пароль с пробелами', 'ivanov')).toBeNull()
  })
  it('refuses the passwords attackers try first, in the main process', () => {
    for (const common of ['password1', 'qwerty123', 'Iloveyou1', 'йцукенгш', 'Водоканал123'])
      expect(isCommonPassword(common), common).toBe(true)
    expect(isCommonPassword('синий-трамвай-у-моря')).toBe(false)
  })
  it('refuses two different entries', () => {
    expect(passwordProblem('достаточно-длинный', 'достаточно-длинныи', 'ivanov')).toBe('differs')
  })
})
