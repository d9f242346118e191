import { createHash, randomBytes } from 'node:crypto'
import pg from 'pg'
import { SeededRandom } from '../../src-main/seed/random'
import {
  FEMALE_NAMES,
  feminineSurname,
  MALE_NAMES,
  PATRONYMICS,
  SURNAMES,
} from '../../src-main/seed/sevastopol'
import { sampleJpeg, samplePdf } from './sample-documents'

/**
 * The website, as far as the console can tell: it writes what subscribers submit into the `portal_*`
 * tables and reads the decisions back, with plain SQL and nothing else (docs/portal-contract.md).
 * Reads of `accounts`, `meters`, `readings` are the read-only ones the contract allows, to make
 * submissions that look like real ones (a plausible next reading of a real meter, a real account).
 */
export interface PortalSimulation {
  url: string
  minutes: number
  /** Submissions per minute, all kinds together. */
  rate: number
  seed?: number
  /** Stops after this many submissions (a test's fixed amount of work, however slow the machine). */
  submissions?: number
  onSubmitted?: (kind: SubmissionKind) => void
  /** Stops the simulation early (the demo's Ctrl+C). */
  signal?: AbortSignal
}

export type SubmissionKind = 'reading' | 'registration' | 'question' | 'request' | 'activation' | 'reply'

export interface SimulationReport {
  submitted: Record<SubmissionKind, number>
}

/** What subscribers ask, each subject with the ways people put it (a demo inbox that reads like one). */
const QUESTIONS: readonly { subject: string; messages: readonly string[] }[] = [
  {
    subject: 'Почему начислено по нормативу?',
    messages: [
      'Передавала показания 1-го числа через сайт, а в квитанции начисление по нормативу. Почему?',
      'Счётчик стоит, показания передаю каждый месяц. За что норматив?',
      'В квитанции за прошлый месяц норматив, хотя показания я отдавал контролёру. Прошу пересчитать.',
    ],
  },
  {
    subject: 'Перерасчёт за время отсутствия',
    messages: [
      'Два месяца не проживали, есть справка с места работы. Как оформить перерасчёт?',
      'Квартира пустовала с июня по август. Какие документы нужны для перерасчёта?',
    ],
  },
  {
    subject: 'Не учтены показания',
    messages: [
      'Показания передал 30-го, на сайте они есть, а в квитанции нет. Проверьте, пожалуйста.',
      'Отправила фото счётчика в личном кабинете, но показания не приняты. Что не так?',
      'Бланк с показаниями опускали в ящик в абонентском отделе, в расчёте их нет.',
    ],
  },
  {
    subject: 'Как рассчитывается водоотведение?',
    messages: [
      'Почему водоотведение больше, чем холодная вода? У нас нет горячей воды от котельной.',
      'Объясните, пожалуйста, из чего складывается сумма за водоотведение.',
    ],
  },
  {
    subject: 'Замена счётчика',
    messages: [
      'Поменяли счётчик в ванной, старый отработал срок. Как поставить новый на учёт и опломбировать?',
      'Счётчику на кухне вышел срок поверки. Можно поверить без снятия или только заменить?',
    ],
  },
  {
    subject: 'Нет воды',
    messages: [
      'Третий день нет холодной воды по нашему адресу, никто не предупреждал. Когда дадут?',
      'Очень слабый напор на пятом этаже, особенно по вечерам.',
    ],
  },
  {
    subject: 'Двойная оплата',
    messages: [
      'Оплатил квитанцию дважды через Сбербанк Онлайн. Прошу зачесть переплату в следующий месяц.',
      'Деньги ушли на чужой лицевой счёт по ошибке в одной цифре. Как вернуть?',
    ],
  },
]

export async function simulatePortal(options: PortalSimulation): Promise<SimulationReport> {
  const random = new SeededRandom(options.seed ?? Date.now())
  const client = new pg.Client({ connectionString: options.url, application_name: 'portal simulator' })
  // The database going away (a demo stopped with Ctrl+C) ends the run through the next query.
  client.on('error', () => undefined)
  await client.connect()
  const submitted: Record<SubmissionKind, number> = {
    reading: 0,
    registration: 0,
    question: 0,
    request: 0,
    activation: 0,
    reply: 0,
  }
  const intervalMs = 60_000 / options.rate
  const mailbox = { lastRead: 0 }
  const endAt = Date.now() + options.minutes * 60_000
  try {
    const { rows: accountRows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM accounts WHERE status = 'active'`,
    )
    if (Number(accountRows[0]!.n) === 0)
      throw new Error('В центральной базе нет лицевых счетов: сайту не с чем работать.')
    let next = Date.now()
    let made = 0
    const more = () => (options.submissions === undefined ? Date.now() < endAt : made < options.submissions)
    while (more() && !options.signal?.aborted) {
      made += 1
      const kind = pickKind(random)
      await submit(client, random, kind)
      submitted[kind] += 1
      options.onSubmitted?.(kind)
      // Subscribers who got the confirmation letter click the link: the website activates the cabinet.
      submitted.activation += await activateConfirmed(client, mailbox)
      // Some subscribers an answer asked for more write back through the cabinet.
      if (random.chance(0.3)) submitted.reply += await replyToWaiting(client)
      next += intervalMs
      const wait = next - Date.now()
      if (wait > 0)
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            options.signal?.removeEventListener('abort', done)
            resolve()
          }
          const timer = setTimeout(done, wait)
          options.signal?.addEventListener('abort', done, { once: true })
        })
    }
  } finally {
    await client.end()
  }
  return { submitted }
}

function pickKind(random: SeededRandom): Exclude<SubmissionKind, 'activation' | 'reply'> {
  const roll = random.next()
  if (roll < 0.7) return 'reading'
  if (roll < 0.85) return 'registration'
  if (roll < 0.95) return 'question'
  return 'request'
}

async function randomAccount(client: pg.Client, random: SeededRandom) {
  const { rows } = await client.query<{
    id: number
    number: string
    surname: string
    first_name: string
    patronymic: string | null
    email: string | null
  }>(
    `SELECT id, number, surname, first_name, patronymic, email FROM accounts WHERE status = 'active'
    AND id >= (SELECT min(id) + floor($1::float8 * (max(id) - min(id) + 1)) FROM accounts) ORDER BY id LIMIT 1`,
    [random.next()],
  )
  return rows[0]!
}

async function submit(
  client: pg.Client,
  random: SeededRandom,
  kind: Exclude<SubmissionKind, 'activation' | 'reply'>,
) {
  const account = await randomAccount(client, random)
  if (kind === 'reading') {
    const { rows } = await client.query<{ serial: string; last: string | null }>(
      `SELECT m.serial, (SELECT value_milli FROM readings r WHERE r.meter_id = m.id ORDER BY period DESC LIMIT 1)::text AS last
      FROM meters m WHERE m.account_id = $1 AND m.status = 'active' ORDER BY m.id`,
      [account.id],
    )
    const meter = rows.length ? random.pick(rows) : { serial: 'нет-счётчика', last: null }
    const last = Number(meter.last ?? 0) / 1000
    // Most submissions are plausible; some carry the typos a website form really gets.
    const roll = random.next()
    const value =
      roll < 0.85
        ? (last + random.int(1, 9) + random.int(0, 999) / 1000).toFixed(3).replace('.', ',')
        : roll < 0.92
          ? String(Math.max(0, Math.floor(last) - random.int(1, 20)))
          : roll < 0.97
            ? String(Math.floor(last * 10 + 50))
            : `${Math.floor(last)}б`
    await client.query(
      `INSERT INTO portal_readings (account_number, meter_serial, value_text) VALUES ($1, $2, $3)`,
      [account.number, meter.serial, value],
    )
  } else if (kind === 'registration') {
    const typo = random.chance(0.1)
    const surname = typo
      ? account.surname.replace('о', 'o')
      : random.chance(0.1)
        ? account.surname.toUpperCase()
        : account.surname
    await client.query(
      `INSERT INTO portal_registrations (account_number, surname, email, password_hash) VALUES ($1, $2, $3, $4)`,
      [
        account.number,
        surname,
        account.email ?? `abonent${account.id}@example.ru`,
        `sha256:${createHash('sha256').update(randomBytes(16)).digest('hex')}`,
      ],
    )
  } else if (kind === 'question') {
    const asker = ownerOrFamily(random, account)
    const question = random.pick(QUESTIONS)
    await fileQuestion(client, {
      ...asker,
      email: `abonent${account.id}@example.ru`,
      phone: random.chance(0.5)
        ? `+7 978 ${random.int(100, 999)}-${random.int(10, 99)}-${random.int(10, 99)}`
        : null,
      accountNumber: random.chance(0.8) ? account.number : null,
      subject: question.subject,
      // Subscribers' text is shown as text: markup in it must stay harmless.
      message: random.chance(0.05)
        ? 'Проверьте <b>начисление</b> & <script>alert(1)</script>'
        : random.pick(question.messages),
    })
  } else {
    await fileRequest(client, {
      kind: random.chance(0.5) ? 'reRegistration' : 'closure',
      accountNumber: account.number,
      applicant: ownerOrFamily(random, account),
      email: `abonent${account.id}@example.ru`,
      newOwner: aPerson(random),
    })
  }
}

/**
 * Who writes for an account: mostly its owner, else someone of the family under the same surname, so
 * of the same sex as the surname's form (no «Воронова Николай»).
 */
function ownerOrFamily(
  random: SeededRandom,
  account: { surname: string; first_name: string; patronymic: string | null },
): { surname: string; firstName: string; patronymic: string | null } {
  if (random.chance(0.7))
    return { surname: account.surname, firstName: account.first_name, patronymic: account.patronymic }
  const female = FEMALE_NAMES.includes(account.first_name)
  return {
    surname: account.surname,
    firstName: random.pick(female ? FEMALE_NAMES : MALE_NAMES),
    patronymic: random.pick(PATRONYMICS)[female ? 1 : 0] ?? null,
  }
}

/** Someone new (a buyer, an heir), surname, name and patronymic all of one sex. */
function aPerson(random: SeededRandom): { surname: string; firstName: string; patronymic: string | null } {
  const female = random.chance(0.5)
  const surname = random.pick(SURNAMES)
  return {
    surname: female ? feminineSurname(surname) : surname,
    firstName: random.pick(female ? FEMALE_NAMES : MALE_NAMES),
    patronymic: random.pick(PATRONYMICS)[female ? 1 : 0] ?? null,
  }
}

export interface FiledRequest {
  kind: 'closure' | 'reRegistration'
  accountNumber: string
  applicant: { surname: string; firstName: string }
  email: string
  /** For a re-registration. */
  newOwner?: { surname: string; firstName: string }
  effectiveOn?: string
}

/**
 * A closure or re-registration request as the website files it: the request and its attachments in
 * one transaction (docs/portal-contract.md) — a PDF of the document ending or proving the right to the
 * premises, and a JPEG photo of the passport page. Returns the request's id.
 */
export async function fileRequest(client: pg.ClientBase, request: FiledRequest): Promise<number> {
  const reRegistration = request.kind === 'reRegistration'
  const contract = await samplePdf(reRegistration ? 'Выписка из ЕГРН' : 'Договор купли-продажи квартиры', [
    `Лицевой счёт № ${request.accountNumber}.`,
    `Заявитель: ${request.applicant.surname} ${request.applicant.firstName}.`,
    reRegistration
      ? `Правообладатель: ${request.newOwner?.surname ?? ''} ${request.newOwner?.firstName ?? ''}.`
      : 'Продавец передаёт, а покупатель принимает в собственность квартиру.',
  ])
  const passport = sampleJpeg()
  await client.query('BEGIN')
  try {
    // A request is filed by the signed-in subscriber, for their own account only.
    await client.query(`SELECT set_config('vodokanal.account', $1, true)`, [request.accountNumber])
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, email,
        new_owner_surname, new_owner_first_name, effective_on)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        request.kind,
        request.accountNumber,
        request.applicant.surname,
        request.applicant.firstName,
        request.email,
        reRegistration ? request.newOwner!.surname : null,
        reRegistration ? request.newOwner!.firstName : null,
        reRegistration ? (request.effectiveOn ?? new Date().toISOString().slice(0, 10)) : null,
      ],
    )
    const id = Number(rows[0]!.id)
    const files = [
      {
        name: reRegistration ? 'выписка ЕГРН.pdf' : 'договор купли-продажи.pdf',
        type: 'application/pdf',
        bytes: contract,
      },
      { name: 'паспорт.jpg', type: 'image/jpeg', bytes: passport },
    ]
    for (const file of files)
      await client.query(
        `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
        VALUES ($1, $2, $3, $4, $5)`,
        [id, file.name, file.type, file.bytes.length, file.bytes],
      )
    await client.query('COMMIT')
    return id
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

/**
 * The subscribers' side of a confirmed registration: each one opens the confirmation letter (the
 * simulator reads `outgoing_mail` as their mailboxes) and follows its link; the website then activates
 * the cabinet with the link's token through `portal_activate`, as docs/portal-contract.md says.
 */
async function activateConfirmed(client: pg.Client, mailbox: { lastRead: number }): Promise<number> {
  const { rows } = await client.query<{ id: string; body: string }>(
    `SELECT id::text, body FROM outgoing_mail WHERE template = 'registrationConfirmed' AND id > $1 ORDER BY id`,
    [mailbox.lastRead],
  )
  let activated = 0
  for (const letter of rows) {
    mailbox.lastRead = Number(letter.id)
    const token = /\/activate\?token=([0-9a-f]{64})/.exec(letter.body)?.[1]
    if (!token) continue
    const answer = await client.query<{ account: string | null }>(`SELECT portal_activate($1) AS account`, [
      token,
    ])
    if (answer.rows[0]?.account) activated += 1
  }
  return activated
}

export interface FiledQuestion {
  surname: string
  firstName: string
  patronymic?: string | null
  email?: string | null
  phone?: string | null
  accountNumber?: string | null
  subject: string
  message: string
}

/** The website's question form (docs/portal-contract.md, "Questions"): one row; its number back. */
export async function fileQuestion(
  client: pg.ClientBase | pg.Pool,
  question: FiledQuestion,
): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO portal_questions (surname, first_name, patronymic, email, phone, account_number, subject, message)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      question.surname,
      question.firstName,
      question.patronymic ?? null,
      question.email ?? null,
      question.phone ?? null,
      question.accountNumber ?? null,
      question.subject,
      question.message,
    ],
  )
  return Number(rows[0]!.id)
}

/**
 * A subscriber writes again on their question, as the cabinet lets them: the website names the
 * subscriber for the transaction (row-level security lets it write only to that account's questions).
 */
export async function replyAsSubscriber(
  client: pg.ClientBase,
  reply: { questionId: number; accountNumber: string; body: string },
): Promise<number> {
  await client.query('BEGIN')
  try {
    await client.query(`SELECT set_config('vodokanal.account', $1, true)`, [reply.accountNumber])
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO portal_question_messages (question_id, body) VALUES ($1, $2) RETURNING id`,
      [reply.questionId, reply.body],
    )
    await client.query('COMMIT')
    return Number(rows[0]!.id)
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

/** One question staff are waiting on, answered by its subscriber (0 or 1 replies written). */
async function replyToWaiting(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ id: string; account_number: string }>(
    `SELECT id::text, account_number FROM portal_questions WHERE state = 'waiting' AND account_number IS NOT NULL
    ORDER BY id LIMIT 1`,
  )
  const waiting = rows[0]
  if (!waiting) return 0
  await replyAsSubscriber(client, {
    questionId: Number(waiting.id),
    accountNumber: waiting.account_number,
    body: 'Добавляю: показания на сегодня — 00123, фото квитанции прикладываю в кабинете.',
  })
  return 1
}
