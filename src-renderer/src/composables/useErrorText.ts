import { useI18n } from 'vue-i18n'
import { MIN_PASSWORD_LENGTH } from '@shared/domain/password-policy'
import { isPeriod } from '@shared/domain/period'
import { ruDate, ruPeriod } from '@shared/domain/russian-text'
import { BridgeError } from '../bridge'

/** A contract error kept in state (an unresolved form's problem) rather than thrown. */
function isContractError(value: unknown): value is { code: string; params?: Record<string, unknown> } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
}

/** Turns a contract error into a sentence in the current locale; never shows a raw message. */
export function useErrorText() {
  const { t, d, te } = useI18n()

  return (error: unknown): string => {
    const contract = error instanceof BridgeError ? error.error : isContractError(error) ? error : null
    if (!contract) return t('errors.INTERNAL')
    const params = { ...(contract.params ?? {}) } as Record<string, unknown>
    // A parameter that should be a date and is not must read as plain text, never blank the screen.
    const when = (value: unknown) => {
      if (typeof value !== 'string') return ''
      const date = new Date(value)
      return Number.isNaN(date.getTime()) ? value : d(date, 'short')
    }
    // A day alone ("until 2 January") is a Moscow date, not a moment: no time zone may shift it.
    if (typeof params.until === 'string')
      params.until = /^\d{4}-\d{2}-\d{2}$/.test(params.until) ? ruDate(params.until) : when(params.until)
    if (typeof params.period === 'string' && isPeriod(params.period)) params.period = ruPeriod(params.period)
    // "Decided by … at …": the central database may not know who (an automatic check), never blank.
    if ('by' in params && !params.by) params.by = t('errors.someoneElse')
    params.at = when(params.at)
    if (typeof params.checks === 'string')
      params.checks = params.checks
        .split(',')
        .map((check) => t(`registrations.checks.${check}`))
        .join(', ')
    if (typeof params.fields === 'string') {
      params.fields = params.fields
        .split(',')
        .map((field) => field.trim())
        .map((field) => (te(`fields.${field}`) ? t(`fields.${field}`) : field))
        .join(', ')
    }
    if (typeof params.code === 'string' && te(`readings.findings.${params.code}`))
      // Without the value a duplicate's sentence still reads: "за период уже есть показание".
      params.code = t(`readings.findings.${params.code}`, { existing: '' }).trim()
    // A date or a name refused by the requests' rules: the problem in words.
    if (typeof params.problem === 'string' && te(`errors.problems.${params.problem}`))
      params.problem = t(`errors.problems.${params.problem}`)
    if (typeof params.reason === 'string')
      params.reason = t(`password.${params.reason}`, { min: MIN_PASSWORD_LENGTH })
    return t(`errors.${contract.code}`, params)
  }
}
