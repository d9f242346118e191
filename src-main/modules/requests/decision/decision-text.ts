import type { RequestDetail } from '@shared/contract'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'
import { ruDate } from '@shared/domain/russian-text'
import { CONSOLE_KINDS } from '../kinds'

/** What a decision says, as paragraphs: pure, so tests read it without a PDF in between. */
export interface DecisionText {
  fileName: string
  title: string
  /** The outgoing letter's number and date, as a Russian utility registers its letters. */
  outgoing: string
  /** Label and value pairs under the title. */
  facts: [string, string][]
  paragraphs: string[]
  /** Who signs: their position and name, above the place for the signature and the stamp. */
  signer: { position: string; name: string }
}

export interface DecisionFacts {
  request: RequestDetail
  address: string
  ownerName: string
  /**
   * For a completed re-registration: the owner as the account was passed to (the name the clerk
   * checked and saved, never the website's text).
   */
  newOwnerName: string | null
  decidedBy: string
  /** The decider's position as the letter names it. */
  decidedByPosition: string
  decidedOn: string
  /** For a refusal: the reason given at the step. */
  reason: string | null
  /** Meters as they were read at closure: serial, place, value in m³ as text. */
  finalReadings: { serial: string; place: string; value: string }[]
}

/**
 * The notification a subscriber receives (docs/business-rules.md#closure-and-re-registration-requests): a
 * refusal with its reason, or the completion letter its kind writes (src-main/modules/requests/kinds/),
 * framed alike by the outgoing number and the signature.
 */
export function decisionText(facts: DecisionFacts): DecisionText {
  const { request } = facts
  const kindName = REQUEST_KIND_RULES[request.kind].title
  const common: [string, string][] = [
    ['Лицевой счёт', `№ ${request.accountNumber}`],
    ['Адрес', facts.address],
    ['Заявитель', request.applicant],
    ['Заявка', `№ ${request.id} от ${ruDate(request.submittedAt)}, ${kindName}`],
  ]
  // Registered under the request's number in the department's series, dated the day of the decision.
  const letter = {
    outgoing: `Исх. № АО-${request.id} от ${ruDate(facts.decidedOn)}`,
    signer: { position: facts.decidedByPosition, name: facts.decidedBy },
  }
  if (request.state === 'rejected')
    return {
      ...letter,
      fileName: `Отказ по заявке ${request.id}.pdf`,
      title: 'Уведомление об отказе',
      facts: common,
      paragraphs: [
        `Рассмотрев вашу заявку на ${kindName}, ГУП «Водоканал» г. Севастополя отказывает в её исполнении.`,
        `Причина: ${facts.reason ?? 'не указана'}.`,
        'Вы можете подать заявку повторно в личном кабинете или в абонентском отделе, устранив причину отказа.',
      ],
    }
  return { ...letter, ...CONSOLE_KINDS[request.kind].letter(facts, common) }
}

/** A letter's own part: what the common outgoing number and signature frame; each kind writes its own. */
export type CompletionText = Omit<DecisionText, 'outgoing' | 'signer'>
