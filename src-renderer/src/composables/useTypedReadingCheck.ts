import { useI18n } from 'vue-i18n'
import type { ReadingFormContext } from '@shared/contract'
import type { Finding } from '@shared/domain/reading-checks'
import { checkTypedReading, formReadingContext } from '@shared/domain/typed-reading'
import { useFormatters } from './formatters'

export interface TypedReadingView {
  /** Each finding with its sentence; a duplicate names the reading already saved, as docs/business-rules.md#meter-readings asks. */
  findings: (Finding & { text: string })[]
  consumption: number | null
  /** Why the text is not a value yet, as a sentence; null when it parses or is still empty. */
  problem: string | null
}

/** The shared checks of one typed value (the main process runs the same before saving). */
export function useTypedReadingCheck() {
  const { t } = useI18n()
  const f = useFormatters()
  const describe = (finding: Finding) =>
    t(`readings.findings.${finding.code}`, {
      existing: f.cubicMetres(Number(finding.params?.existingMilli ?? 0)),
    })
  return (
    context: ReadingFormContext,
    meter: ReadingFormContext['meters'][number],
    text: string,
    receivedOn: string,
  ): TypedReadingView => {
    if (!text.trim()) return { findings: [], consumption: null, problem: null }
    const checked = checkTypedReading(text, formReadingContext(context, meter, receivedOn))
    if ('problem' in checked)
      return { findings: [], consumption: null, problem: t(`batch.valueProblem.${checked.problem}`) }
    return {
      findings: checked.findings.map((finding) => ({ ...finding, text: describe(finding) })),
      consumption: checked.consumptionMilli,
      problem: null,
    }
  }
}
