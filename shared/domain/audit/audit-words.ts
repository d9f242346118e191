import { FINDING_WORDS } from '../readings/finding-words'
import { DOCUMENT_NAMES, REQUEST_KIND_RULES } from '../requests/kinds'
import { ruDate, ruPeriod } from '../russian-text'

/**
 * The audit trail in words (docs/business-rules.md#reports-exports-and-the-audit-trail): what each
 * command did, said as a person would ("изменил(а) телефон", "подтвердил(а) регистрацию"), and each
 * changed field by its Russian name, before → after. Pure: the lookups (names, account numbers) are
 * the caller's.
 */

/** Who did what no person did: the consoles' automatic checks and the database's own steps. */
export const SYSTEM = 'система'

/**
 * A staff member's verb in the past tense, by the patronymic's ending (…вна, …чна, …кызы: she); the
 * system is «она» too («система проверила»).
 */
export function pastTense(masculine: string, fullName: string | null): string {
  const feminine = fullName === SYSTEM || /(вна|чна|кызы)(\s|$)/i.test(fullName ?? '')
  if (!feminine) return masculine
  const irregular: Record<string, string> = {
    вошёл: 'вошла',
    вышел: 'вышла',
    провёл: 'провела',
    перевёл: 'перевела',
    ввёл: 'ввела',
  }
  return masculine
    .split(' ')
    .map((word, i) => (i === 0 ? (irregular[word] ?? (word.endsWith('л') ? `${word}а` : word)) : word))
    .join(' ')
}

const REQUEST_STATES: Record<string, string> = {
  in_review: 'на рассмотрение',
  awaiting_documents: 'в ожидание документов',
  awaiting_visit: 'в ожидание визита контролёра',
  approved: 'в одобренные',
  rejected: 'в отказ',
  completed: 'в завершённые',
}

/** The masculine verb phrase of a command; `after` tells a confirmation from a rejection and so on. */
export function actionPhrase(command: string, after: Record<string, unknown> | null): string {
  const a = after ?? {}
  switch (command) {
    case 'accounts.updateContacts':
      return 'изменил контакты'
    case 'accounts.sendPasswordReset':
      return 'отправил ссылку для смены пароля'
    case 'accounts.addNote':
      return 'закрепил заметку'
    case 'accounts.unpinNote':
      return 'снял заметку'
    case 'registrations.decide':
      return a.state === 'rejected' || a.registration === 'rejected'
        ? 'отклонил регистрацию'
        : 'подтвердил регистрацию'
    case 'readings.record':
      return 'ввёл показания'
    case 'readings.override':
      return 'принял показание как есть'
    case 'readings.reviewWeb':
      return a.state === 'rejected' ? 'отклонил показание с сайта' : 'принял показание с сайта'
    case 'readings.checkWeb':
      return 'проверил показание с сайта'
    case 'readings.setPeriodClosed':
      return a.closed ? 'закрыл период' : 'открыл период заново'
    case 'readings.openBatch':
      return 'открыл пачку бланков'
    case 'readings.finishBatch':
      return 'закрыл пачку бланков'
    case 'readings.takeOverBatch':
      return 'взял пачку бланков себе'
    case 'readings.takeUnresolvedForm':
      return 'взял неразобранный бланк в работу'
    case 'readings.setAside':
      return 'отложил бланк'
    case 'readings.markUnresolved':
      return 'оставил бланк нерешённым'
    case 'readings.saveNothingPassed':
      return 'отметил бланк без показаний'
    case 'readings.saveDraft':
      return 'сохранил черновик бланка'
    case 'requests.step':
      return `перевёл заявку ${REQUEST_STATES[String(a.state)] ?? ''}`.trim()
    case 'requests.checklist':
      return 'проверил документы заявки'
    case 'requests.register':
      return 'зарегистрировал заявку в офисе'
    case 'requests.complete':
      return 'завершил заявку'
    case 'requests.saveDecision':
      return 'напечатал решение по заявке'
    case 'questions.log':
      return 'записал вопрос по телефону'
    case 'questions.answer':
      return a.state === 'waiting' ? 'ответил на обращение и ждёт абонента' : 'ответил на обращение'
    case 'questions.note':
      return 'добавил заметку к обращению'
    case 'questions.link':
      return a.linkedAccount ? 'привязал обращение к счёту' : 'отвязал обращение от счёта'
    case 'questions.assign':
      return 'назначил обращение'
    case 'questions.close':
      return 'закрыл обращение'
    case 'questions.saveTemplate':
      return 'сохранил шаблон ответа'
    case 'questions.removeTemplate':
      return 'удалил шаблон ответа'
    case 'questions.saveSettings':
      return 'изменил настройки обращений'
    case 'claims.take':
      return 'открыл в работу'
    case 'claims.release':
      return 'закончил работу с'
    case 'claims.takeOver':
      return 'перехватил'
    case 'conflicts.resolve':
      return 'разрешил конфликт'
    case 'staff.create':
      return 'создал сотрудника'
    case 'staff.resetPassword':
      return 'сбросил пароль сотрудника'
    case 'staff.changeOwnPassword':
      return 'сменил свой пароль'
    case 'staff.deactivate':
      return 'отключил сотрудника'
    case 'staff.update':
      return 'изменил данные сотрудника'
    case 'auth.setupFirstSupervisor':
      return 'создал первого старшего смены'
    case 'auth.signInAttempt':
      return a.succeeded === false ? 'ошибся паролем' : 'вошёл'
    case 'auth.onlineSignIn':
      return 'вошёл'
    case 'settings.update':
      return 'изменил настройки'
    case 'sync.acceptMadeAlone':
      return 'принял работу, сделанную до подключения'
    case 'sync.discardMadeAlone':
      return 'отклонил работу, сделанную до подключения'
    default:
      return command
  }
}

/** Sign-ins and claims: many a day, folded away unless asked for. */
export const NOISY_COMMANDS = [
  'auth.signInAttempt',
  'auth.onlineSignIn',
  'claims.take',
  'claims.release',
] as const

const FIELD_NAMES: Record<string, string> = {
  phone: 'телефон',
  email: 'эл. почта',
  street: 'улица',
  house: 'дом',
  building: 'корпус',
  apartment: 'квартира',
  state: 'состояние',
  reason: 'причина',
  closed: 'закрыт',
  status: 'статус',
  closedOn: 'закрыт с',
  on: 'дата',
  role: 'роль',
  fullName: 'ФИО',
  active: 'активен',
  valueMilli: 'показание, м³',
  source: 'источник',
  late: 'поздно',
  flags: 'отметки',
  findings: 'проверки',
  overrideReason: 'причина',
  linkedAccount: 'лицевой счёт',
  assignedTo: 'кому назначено',
  answer: 'ответ',
  note: 'заметка',
  duplicateOf: 'дубликат обращения',
  madeBy: 'кто сделал',
  madeAt: 'когда сделано',
  outcome: 'решение',
  missing: 'недостающие документы',
  idleLockMinutes: 'блокировка, минут',
  offlineSignInDays: 'вход без связи, дней',
  dueDays: 'срок ответа, дней',
  roundRobin: 'раздача по очереди',
  openCap: 'открытых на человека',
  name: 'название',
  body: 'текст',
  receivedOn: 'дата штампа',
  keep: 'оставлено',
  registration: 'регистрация',
  surname: 'фамилия',
  firstName: 'имя',
  patronymic: 'отчество',
  from: 'с',
  staff: 'сотрудник',
  owner: 'владелец',
  passwordResetSentTo: 'ссылка отправлена на',
  decision: 'решение',
  accountNumber: 'лицевой счёт',
  subject: 'тема',
  replyBy: 'как ответить',
  checklist: 'проверка документов',
  position: 'номер бланка',
  movedTo: 'перенесён в пачку №',
  problem: 'проблема',
  setAside: 'отложен',
  notPassed: 'без показаний',
  lockedUntil: 'заблокирован до',
  failedAttempts: 'неверных паролей',
  succeeded: 'успешно',
}

/** Fields not worth a line: bookkeeping the reader does not need. */
const QUIET_FIELDS = new Set([
  'version',
  'expectedVersion',
  'signedInOnline',
  'passwordReset',
  'ownPasswordChanged',
  'id',
  'createdAt',
  'sizeBytes',
])

/** The states of every kind of item (readings, registrations, requests, questions, cabinets, meters). */
const STATE_WORDS: Record<string, string> = {
  new: 'новое',
  accepted: 'принято',
  review: 'на проверке',
  rejected: 'отклонено',
  in_review: 'на рассмотрении',
  inReview: 'на рассмотрении',
  awaiting_documents: 'ждёт документов',
  awaitingDocuments: 'ждёт документов',
  awaiting_visit: 'ждёт визита контролёра',
  awaitingVisit: 'ждёт визита контролёра',
  approved: 'одобрено',
  completed: 'завершено',
  pending: 'ждёт решения',
  confirmed: 'подтверждено',
  activated: 'кабинет открыт',
  taken: 'в работе',
  waiting: 'ждёт ответа абонента',
  answered: 'дан ответ',
  closed: 'закрыто',
  active: 'действует',
  removed: 'снят',
  revoked: 'отозван',
}

/** Codes that are words only to the program, by the field they stand in. */
const CODE_WORDS: Record<string, Record<string, string>> = {
  state: STATE_WORDS,
  status: STATE_WORDS,
  registration: STATE_WORDS,
  source: { web: 'сайт', phone: 'телефон', paper: 'бланк', inspector: 'контролёр' },
  channel: { web: 'сайт', office: 'офис', phone: 'телефон' },
  replyBy: { email: 'эл. почта', phone: 'телефон' },
  role: { operator: 'оператор', clerk: 'специалист', supervisor: 'старший смены' },
  kind: Object.fromEntries(Object.entries(REQUEST_KIND_RULES).map(([kind, rules]) => [kind, rules.word])),
  flags: FINDING_WORDS,
  findings: FINDING_WORDS,
}

const MOSCOW_TIME = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/** A checklist entry: the document by name, and whether it was found. */
function documentCheckText(check: Record<string, unknown>): string {
  // The letter's name, without its parenthesised examples: the trail wants the short one.
  const name = (DOCUMENT_NAMES[String(check.document)] ?? String(check.document)).replace(/ \(.*\)$/, '')
  const verdict = check.verdict === 'valid' ? 'есть' : 'нет'
  return `${name} — ${verdict}${check.note ? ` (${String(check.note)})` : ''}`
}

/** A value as the reader of the trail says it: words for codes, Russian dates, no JSON. */
function valueText(value: unknown, field: string): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'да' : 'нет'
  if (field === 'valueMilli' && typeof value === 'number') return (value / 1000).toFixed(3).replace('.', ',')
  if (Array.isArray(value)) return value.map((v) => valueText(v, field)).join('; ') || '—'
  if (typeof value === 'object') {
    const entries = value as Record<string, unknown>
    if ('document' in entries && 'verdict' in entries) return documentCheckText(entries)
    return Object.entries(entries)
      .filter(([key]) => !QUIET_FIELDS.has(key))
      .map(([key, v]) => `${FIELD_NAMES[key] ?? key}: ${valueText(v, key)}`)
      .join(', ')
  }
  const text = String(value)
  const word = CODE_WORDS[field]?.[text]
  if (word) return word
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && !Number.isNaN(Date.parse(text)))
    return MOSCOW_TIME.format(new Date(text)).replace(',', '')
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return ruDate(text)
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return ruPeriod(text)
  return text
}

export interface FieldChange {
  field: string
  before: string
  after: string
}

/** Each field whose value differs between before and after, by its Russian name. */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  return keys
    .filter((key) => !QUIET_FIELDS.has(key))
    .filter((key) => JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null))
    .map((key) => ({
      field: FIELD_NAMES[key] ?? key,
      before: before ? valueText(before[key], key) : '',
      after: valueText(after?.[key], key),
    }))
}
