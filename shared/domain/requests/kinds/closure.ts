import { metersWithoutFinalReading } from '../final-readings'
import type { KindFacts, RequestKindRules } from './request-kind'

/**
 * Closing an account (docs/business-rules.md#closure-and-re-registration-requests): a final reading of
 * every active meter, then the account closed from the date, its meters removed, its cabinet revoked.
 */
export const closure: RequestKindRules<{ effect: 'close' }> = {
  title: 'закрытие лицевого счёта',
  word: 'закрытие',
  documents: {
    applicantPassport: 'паспорт заявителя',
    rightEnded:
      'документ о прекращении права на помещение (договор купли-продажи, выписка из ЕГРН или документ об окончании аренды)',
    finalReadings: 'конечные показания всех приборов учёта',
  },
  newOwner: false,
  details: null,
  inspectorVisit: false,
  finalReadings: () => 'allActive',
  decide(facts) {
    return finalReadingsMissing(facts, 'allActive') ?? { effect: 'close' }
  },
}

/** The refusal naming the meters still without a final reading, or null when all have one. */
export function finalReadingsMissing(facts: KindFacts, which: 'allActive' | readonly string[]) {
  const meters = which === 'allActive' ? facts.meters : facts.meters.filter((m) => which.includes(m.serial))
  const without = metersWithoutFinalReading(meters, facts.submittedAt)
  return without.length
    ? { refusal: { code: 'FINAL_READINGS_MISSING' as const, meters: without.join(', ') } }
    : null
}
