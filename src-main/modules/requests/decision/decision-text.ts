import type { RequestDetail } from '@shared/contract'
import { REQUEST_KIND_TITLES, type RequestKind } from '@shared/domain/requests/request-states'
import { rubles, ruDate } from '@shared/domain/russian-text'

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
 * The notification a subscriber receives (docs/business-rules.md#closure-and-re-registration-requests): of
 * closure, of re-registration, or of refusal with the reason. A closure's letter states a private house's
 * remaining debt and that it is paid through EIRC
 * (docs/business-rules.md#closure-and-re-registration-requests).
 */
export function decisionText(facts: DecisionFacts): DecisionText {
  const { request } = facts
  const kindName = REQUEST_KIND_TITLES[request.kind]
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
  return { ...letter, ...COMPLETION_LETTERS[request.kind](facts, common) }
}

/** A letter's own part: what the common outgoing number and signature frame. */
type CompletionText = Omit<DecisionText, 'outgoing' | 'signer'>
type CompletionLetter = (facts: DecisionFacts, common: [string, string][]) => CompletionText

/** Each kind's letter of completion: a new kind is a compile error here until it has its own. */
const COMPLETION_LETTERS: Record<RequestKind, CompletionLetter> = {
  closure: closureLetter,
  reRegistration: reRegistrationLetter,
}

function closureLetter(facts: DecisionFacts, common: [string, string][]): CompletionText {
  const { request } = facts
  const balance = request.balanceKopecks ?? 0
  return {
    fileName: `Закрытие счёта ${request.accountNumber}.pdf`,
    title: 'Уведомление о закрытии лицевого счёта',
    facts: [...common, ['Дата закрытия', ruDate(request.completedOn ?? facts.decidedOn)]],
    paragraphs: [
      // The applicant is not always the owner (an heir, a representative): the letter names the
      // request, whose facts above say who filed it.
      `По заявке № ${request.id} лицевой счёт № ${request.accountNumber} закрыт с ` +
        `${ruDate(request.completedOn ?? facts.decidedOn)}. Доступ к личному кабинету по этому счёту прекращён.`,
      facts.finalReadings.length
        ? 'Конечные показания приборов учёта, снятых с учёта: ' + meterValues(facts) + '.'
        : 'Приборов учёта на счёте не было.',
      balanceText(balance),
    ],
  }
}

/** Each meter's reading as the letter lists it: "№ ХВ-0011 (кухня) — 112,500 м³; …". */
function meterValues(facts: DecisionFacts): string {
  return facts.finalReadings.map((m) => `№ ${m.serial} (${m.place}) — ${m.value} м³`).join('; ')
}

/** What the closed account owes, or what was overpaid and how to have it back; or that it is settled. */
function balanceText(balanceKopecks: number): string {
  if (balanceKopecks < 0)
    return (
      `По счёту остаётся задолженность ${rubles(-balanceKopecks)} Её необходимо оплатить через ГУП «ЕИРЦ» ` +
      'по номеру лицевого счёта ЕИРЦ.'
    )
  if (balanceKopecks > 0)
    return (
      `По счёту имеется переплата ${rubles(balanceKopecks)} Её можно вернуть по письменному заявлению ` +
      'в абонентском отделе (при себе паспорт и реквизиты банковского счёта для перечисления) или ' +
      'зачесть в оплату по другому лицевому счёту.'
    )
  return 'Задолженности и переплаты по счёту нет.'
}

function reRegistrationLetter(facts: DecisionFacts, common: [string, string][]): CompletionText {
  const { request } = facts
  const newOwnerName = facts.newOwnerName ?? '—'
  const from = ruDate(request.completedOn ?? request.effectiveOn ?? facts.decidedOn)
  return {
    fileName: `Переоформление счёта ${request.accountNumber}.pdf`,
    title: 'Уведомление о переоформлении лицевого счёта',
    facts: [
      ...common,
      ['Прежний владелец', facts.ownerName],
      ['Новый владелец', newOwnerName],
      ['Дата переоформления', from],
    ],
    paragraphs: [
      // Phrased so that no name has to be declined: "переоформлен на Степанов Анна" is not Russian.
      `Лицевой счёт № ${request.accountNumber} переоформлен с ${from}. Новый владелец: ${newOwnerName}. ` +
        'Номер счёта не меняется.',
      facts.finalReadings.length
        ? 'Показания приборов учёта на дату передачи, от которых ведёт расчёт новый владелец: ' +
          meterValues(facts) +
          '.'
        : 'Приборов учёта на счёте нет.',
      'Доступ прежнего владельца к личному кабинету по этому счёту прекращён. Новый владелец может ' +
        'зарегистрироваться в личном кабинете на сайте ГУП «Водоканал» по номеру лицевого счёта.',
    ],
  }
}
