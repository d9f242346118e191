import type BetterSqlite3 from 'better-sqlite3'
import type { InboxView } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import type { QuestionState } from '@shared/domain/questions/question-states'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'
import type { RequestState } from '@shared/domain/requests/request-states'
import { ruDate } from '@shared/domain/russian-text'
import { questionReader } from '../../questions/question-reader'
import { RegistrationReader } from '../../registrations/registration-queue'
import { requestReader } from '../../requests/request-queue'
import type { ExportData } from '../export-source'

const REGISTRATION_CHECKS: Record<string, string> = {
  accountActive: 'счёт действует',
  surnameMatches: 'фамилия совпадает',
  noCabinetYet: 'кабинета ещё нет',
  emailFree: 'почта свободна',
}
const REQUEST_STATES: Record<RequestState, string> = {
  new: 'новая',
  in_review: 'на рассмотрении',
  awaiting_documents: 'ждёт документы',
  awaiting_visit: 'ждёт визита контролёра',
  approved: 'одобрена',
  rejected: 'отказ',
  completed: 'завершена',
}
const QUESTION_STATES: Record<QuestionState, string> = {
  new: 'новое',
  taken: 'в работе',
  waiting: 'ждём абонента',
  answered: 'отвечено',
  closed: 'закрыто',
}
const dueWords = (due: string, dueOn: string) =>
  due === 'overdue'
    ? `просрочено (${ruDate(dueOn)})`
    : due === 'paused'
      ? 'срок стоит'
      : due === 'done' || due === 'closed'
        ? '—'
        : `до ${ruDate(dueOn)}`
// The day in Sevastopol, as every date on a report
// (docs/business-rules.md#reports-exports-and-the-audit-trail).
const today = (now: Date) => moscowDate(now)

/** The registrations queue as a supervisor sees it: each pending one with its checks in words. */
export function registrationsQueue(db: BetterSqlite3.Database, now: Date): ExportData {
  const reader = new RegistrationReader(db)
  const items = reader.pending(now.toISOString()).map((row) => reader.item(row, '', now))
  return {
    title: 'Регистрации в личном кабинете: ждут проверки',
    filters: [['На дату', ruDate(today(now))]],
    baseName: `Регистрации ${today(now)}`,
    sections: [
      {
        title: 'Регистрации',
        count: items.length,
        columns: [
          { key: 'submittedAt', header: 'Поступила', type: 'dateTime', width: 16 },
          { key: 'accountNumber', header: 'Лицевой счёт', type: 'text', width: 12 },
          { key: 'surname', header: 'Фамилия (как введена)', type: 'text', width: 20 },
          { key: 'email', header: 'Эл. почта', type: 'text', width: 24 },
          { key: 'failed', header: 'Не прошли проверки', type: 'text', width: 30 },
          { key: 'takenBy', header: 'Открыта у', type: 'text', width: 20 },
        ],
        rows: () =>
          items.map((item) => ({
            ...item,
            failed: item.checks
              .filter((c) => !c.passed)
              .map((c) => REGISTRATION_CHECKS[c.code] ?? c.code)
              .join(', '),
            takenBy: item.takenBy?.fullName ?? '',
          })),
      },
    ],
  }
}

/** Open closure and re-registration requests with their due dates and who has them. */
export function requestsQueue(db: BetterSqlite3.Database, now: Date): ExportData {
  const items = requestReader(db).open('', now)
  return {
    title: 'Заявки на закрытие и переоформление: открытые',
    filters: [['На дату', ruDate(today(now))]],
    baseName: `Заявки ${today(now)}`,
    sections: [
      {
        title: 'Заявки',
        count: items.length,
        columns: [
          { key: 'id', header: '№', type: 'integer', width: 8 },
          { key: 'submittedAt', header: 'Поступила', type: 'dateTime', width: 16 },
          { key: 'kind', header: 'Вид', type: 'text', width: 16 },
          { key: 'accountNumber', header: 'Лицевой счёт', type: 'text', width: 12 },
          { key: 'applicant', header: 'Заявитель', type: 'text', width: 26 },
          { key: 'state', header: 'Состояние', type: 'text', width: 16 },
          { key: 'dueText', header: 'Срок', type: 'text', width: 20 },
          { key: 'heldBy', header: 'Открыта у', type: 'text', width: 20 },
        ],
        rows: () =>
          items.map((item) => ({
            ...item,
            kind: REQUEST_KIND_RULES[item.kind].word,
            state: REQUEST_STATES[item.state] ?? item.state,
            dueText: dueWords(item.due, item.dueOn),
            heldBy: item.heldBy ?? '',
          })),
      },
    ],
  }
}

/** One view of the questions inbox, narrowed as on screen, every question of it. */
export function questionsQueue(
  db: BetterSqlite3.Database,
  view: InboxView,
  search: string,
  me: string,
  now: Date,
): ExportData {
  const { items } = questionReader(db).inbox(view, search, 1_000_000, me, now)
  const filters: [string, string][] = [['На дату', ruDate(today(now))]]
  if (search.trim()) filters.push(['Поиск', search.trim()])
  return {
    title: 'Обращения абонентов',
    filters,
    baseName: `Обращения ${today(now)}`,
    sections: [
      {
        title: 'Обращения',
        count: items.length,
        columns: [
          { key: 'id', header: '№', type: 'integer', width: 8 },
          { key: 'submittedAt', header: 'Поступило', type: 'dateTime', width: 16 },
          { key: 'dueText', header: 'Срок', type: 'text', width: 20 },
          { key: 'subject', header: 'Тема', type: 'text', width: 30 },
          { key: 'from', header: 'От кого', type: 'text', width: 26 },
          { key: 'accountNumber', header: 'Лицевой счёт', type: 'text', width: 12 },
          { key: 'state', header: 'Состояние', type: 'text', width: 14 },
          { key: 'assignedTo', header: 'Ведёт', type: 'text', width: 20 },
        ],
        rows: () =>
          items.map((item) => ({
            ...item,
            dueText: dueWords(item.due, item.dueOn),
            state: QUESTION_STATES[item.state] ?? item.state,
          })),
      },
    ],
  }
}
