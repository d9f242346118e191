import { useI18n } from 'vue-i18n'
import { useErrorText } from './useErrorText'

type FormProblem = { code: string; params?: Record<string, unknown> }

/**
 * Why a paper form was not saved, in words, for the batch screen and the list of unresolved forms
 * alike: a set-aside form by what held it back, a refused one with what the clerk can do about it.
 */
export function useFormProblemText() {
  const { t, te } = useI18n()
  const errorText = useErrorText()

  /** "меньше предыдущего показания": what held a set-aside form back, or null when not said. */
  function setAsideWhy(params: Record<string, unknown> | undefined): string | null {
    const finding = typeof params?.finding === 'string' ? params.finding : null
    if (!finding) return null
    if (te(`readings.findings.${finding}`)) return t(`readings.findings.${finding}`, { existing: '' }).trim()
    return te(`batch.valueProblem.${finding}`) ? t(`batch.valueProblem.${finding}`) : null
  }

  function problemText(problem: FormProblem): string {
    if (problem.code === 'SET_ASIDE') {
      const why = setAsideWhy(problem.params)
      return why ? t('batch.setAsideWhy', { why }) : t('batch.setAsideHint')
    }
    const refused = problem.code === 'READING_REFUSED' ? problem.params?.code : null
    if (refused === 'accountClosed' || refused === 'meterRemoved') return t(`batch.refused.${refused}`)
    return errorText(problem)
  }

  return { problemText, setAsideWhy }
}
