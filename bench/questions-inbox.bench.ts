import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InboxView } from '@shared/contract'
import { openLocalCopy } from '../src-main/db/local/local-copy'
import { fileSecretBox } from '../src-main/browser-shell/file-secret-box'
import { questionDetailReader } from '../src-main/modules/questions/question-detail'
import { questionDueUpkeep } from '../src-main/modules/questions/question-due-upkeep'
import { questionReader } from '../src-main/modules/questions/question-reader'
import { SeededRandom } from '../src-main/seed/random'
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from '../src-main/seed/sevastopol'
import { round, summarize } from './stats'

const SUBJECTS = [
  'Расчёт начислений',
  'Показания счётчиков',
  'Оплата и задолженность',
  'Перерасчёт',
  'Личный кабинет',
]
/** What questions are about; each question names six of these, so a word is in about a sixth of them. */
const WORDS = [
  'перерасчёт',
  'норматив',
  'квитанция',
  'водоотведение',
  'счётчик',
  'оплата',
  'задолженность',
  'пени',
  'тариф',
  'показания',
  'поверка',
  'пломба',
  'начисление',
  'субсидия',
  'льгота',
  'собственник',
  'продажа',
  'переплата',
  'возврат',
  'полив',
  'баня',
  'колодец',
  'авария',
  'давление',
  'напор',
  'канализация',
  'септик',
  'выгреб',
  'договор',
  'кабинет',
  'пароль',
  'регистрация',
  'долг',
  'рассрочка',
  'суд',
  'отключение',
]
const VIEWS: InboxView[] = ['new', 'mine', 'waiting', 'overdue', 'closed', 'all']
const NOW = new Date('2026-11-30T09:00:00Z')
const DAY = 86_400_000

/**
 * The questions inbox over 50,000 questions (docs/business-rules.md#subscribers-questions): a year and more
 * of questions in every state, a third answered with their conversation, twenty people; then each view with
 * and without search words (one, two, a number) timed as the screen asks for it — the page of 200 and the
 * counts.
 */
export async function questionsInboxBench(questions = 50_000) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-questions-'))
  const local = (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local
  const db = local.sql
  const random = new SeededRandom(7)
  const staff = Array.from({ length: 20 }, (_, i) => `clerk${i + 1}`)
  const addStaff =
    db.prepare(`INSERT INTO staff (login, full_name, role, password_hash, active, created_at, updated_at)
    VALUES (?, ?, 'clerk', '', 1, ?, ?)`)
  for (const login of staff) addStaff.run(login, `Сотрудник ${login}`, NOW.toISOString(), NOW.toISOString())
  const addQuestion =
    db.prepare(`INSERT INTO web_questions (id, surname, first_name, email, phone, account_number,
    linked_account, subject, message, submitted_at, state, assigned_to, channel, reply_by, version)
    VALUES (@id, @surname, @firstName, @email, NULL, @account, @account, @subject, @message, @at, @state, @assigned,
    'web', 'email', 1)`)
  const addStep =
    db.prepare(`INSERT INTO web_question_steps (question_id, from_state, to_state, staff_login, at, version)
    VALUES (?, ?, ?, ?, ?, 1)`)
  const addMessage =
    db.prepare(`INSERT INTO web_question_messages (id, question_id, kind, body, staff_login, at, version)
    VALUES (?, ?, ?, ?, ?, ?, 1)`)
  const startedFill = performance.now()
  let messageId = 0
  db.transaction(() => {
    for (let id = 1; id <= questions; id++) {
      const at = new Date(NOW.getTime() - random.int(0, 420) * DAY - random.int(0, 86_000) * 1000)
      const roll = random.next()
      const state =
        roll < 0.15
          ? 'new'
          : roll < 0.3
            ? 'taken'
            : roll < 0.38
              ? 'waiting'
              : roll < 0.9
                ? 'answered'
                : 'closed'
      const assigned = state === 'new' ? null : random.pick(staff)
      const words = Array.from({ length: 6 }, () => random.pick(WORDS)).join(' ')
      addQuestion.run({
        id,
        surname: random.pick(SURNAMES),
        firstName: random.pick(random.chance(0.5) ? MALE_NAMES : FEMALE_NAMES),
        email: `abonent${id}@example.ru`,
        account: String(40_000_000 + random.int(1, 300_000)),
        subject: random.pick(SUBJECTS),
        message: `Прошу разъяснить: ${words}. Лицевой счёт указан в квитанции.`,
        at: at.toISOString(),
        state,
        assigned,
      })
      addStep.run(id, null, 'new', null, at.toISOString())
      if (state === 'new') continue
      const later = new Date(at.getTime() + random.int(1, 20) * DAY).toISOString()
      addStep.run(id, 'new', state === 'taken' ? 'taken' : state, assigned, later)
      if (state !== 'taken')
        addMessage.run(
          ++messageId,
          id,
          'answer',
          `Ответ: ${random.pick(WORDS)} рассчитан по показаниям.`,
          assigned,
          later,
        )
    }
  })()
  questionDueUpkeep(db).refreshOpen(NOW)
  db.exec('ANALYZE')
  const fillSeconds = (performance.now() - startedFill) / 1000

  const reader = questionReader(db)
  const searches = (i: number) =>
    [
      '',
      random.pick(WORDS),
      `${random.pick(WORDS)} ${random.pick(WORDS).slice(0, 5)}`,
      String(random.int(1, questions)),
    ][i % 4]!
  const times: number[] = []
  const byView: Record<string, number> = {}
  const bySearch: Record<string, number[]> = { none: [], word: [], twoWords: [], number: [] }
  for (const view of VIEWS) {
    const viewTimes: number[] = []
    for (let i = 0; i < 40; i++) {
      const search = searches(i)
      const me = random.pick(staff)
      const started = performance.now()
      reader.inbox(view, search, 200, me, NOW)
      reader.counts(me, NOW)
      viewTimes.push(performance.now() - started)
      if (i >= 4) bySearch[['none', 'word', 'twoWords', 'number'][i % 4]!]!.push(viewTimes.at(-1)!)
    }
    byView[view] = summarize(viewTimes.slice(4)).p95
    times.push(...viewTimes.slice(4)) // the first few warm the page cache
  }
  const details = questionDetailReader(db)
  const opened: number[] = []
  for (let i = 0; i < 200; i++) {
    const started = performance.now()
    details.detail(random.int(1, questions), 'clerk1', NOW)
    opened.push(performance.now() - started)
  }
  const shown = reader.inbox('overdue', '', 200, 'clerk1', NOW)
  await local.close()
  rmSync(dataDir, { recursive: true, force: true })
  return [
    {
      name: `questions inbox: ${questions} questions, a view of 200 with the counts (ms)`,
      fillSeconds: round(fillSeconds),
      overdueTotal: shown.total,
      ...summarize(times),
      p95ByView: byView,
      p95BySearch: Object.fromEntries(
        Object.entries(bySearch).map(([kind, list]) => [kind, summarize(list).p95]),
      ),
    },
    { name: 'questions inbox: one question opened with its conversation (ms)', ...summarize(opened) },
  ]
}
