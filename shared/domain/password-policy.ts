/**
 * Password rules follow NIST SP 800-63B as OWASP recommends: length matters, composition rules do
 * not; a password that contains the login is refused because it is the first thing an attacker tries.
 */
export const MIN_PASSWORD_LENGTH = 8

export type PasswordProblem = 'tooShort' | 'onlySpaces' | 'containsLogin' | 'common' | 'differs'

export function passwordProblem(password: string, repeat: string, login: string): PasswordProblem | null {
  if (password.trim() === '' && password !== '') return 'onlySpaces'
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort'
  if (login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) return 'containsLogin'
  if (password !== repeat) return 'differs'
  return null
}
