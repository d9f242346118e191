import { passwordProblem } from '@shared/domain/password-policy'
import { AppError } from '../../errors'
import { isCommonPassword } from '@shared/domain/common-passwords'

/** Enforces in the main process the same rule the renderer shows as the person types. */
export function assertAcceptablePassword(password: string, repeat: string, login: string): void {
  const problem = passwordProblem(password, repeat, login) ?? (isCommonPassword(password) ? 'common' : null)
  if (problem === 'differs') throw new AppError('PASSWORDS_DIFFER')
  if (problem) throw new AppError('WEAK_PASSWORD', { reason: problem })
}
