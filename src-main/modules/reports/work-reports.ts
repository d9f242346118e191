import type BetterSqlite3 from 'better-sqlite3'
import type { ReportParams } from '@shared/contract'
import { moscowDate, moscowMidnight } from '@shared/domain/moscow-time'
import { shiftPeriod } from '@shared/domain/period'
import { daysBetween, questionDue } from '@shared/domain/questions/question-due'
import { isQuestionState, type QuestionState } from '@shared/domain/questions/question-states'
import { percentile } from '@shared/domain/reports/words'
import { ruPeriod } from '@shared/domain/russian-text'
import { questionDueUpkeep } from '../questions/question-due-upkeep'
import { questionReader } from '../questions/question-reader'
import { requestReader } from '../requests/request-queue'
import { rowsOf, type ReportBuild } from './report-build'

/** The instants a Moscow month starts and ends, as the ISO text the local copy stores. */
export function monthBounds(period: string): { from: string; to: string } {
  return { from: moscowMidnight(`${period}-01`), to: moscowMidnight(`${shiftPeriod(period, 1)}-01`) }
}

const HOUR = 3_600_000
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)
const metricColumns = [
  { key: 'metric', header: 'Показатель', type: 'text' as const, width: 40 },
  { key: 'value', header: 'Значение', type: 'decimal1' as const, width: 14 },
]

/**
 * Registrations decided in the month (docs/business-rules.md#reports-exports-and-the-audit-trail): how many
 * confirmed and rejected, the median and 90th percentile of the hours from submission to decision, and
 * rejections by reason.
 */
export function registrationsReport(db: BetterSqlite3.Database, params: ReportParams): ReportBuild {
  const { from, to } = monthBounds(params.period)
  const decided = db
    .prepare(
      `SELECT state, submitted_at AS submittedAt, decided_at AS decidedAt, coalesce(reject_reason, '') AS reason
      FROM web_registrations WHERE decided_at >= ? AND decided_at < ? AND state IN ('confirmed', 'rejected', 'activated')`,
    )
    .all(from, to) as { state: string; submittedAt: string; decidedAt: string; reason: string }[]
  const hours = decided.map((r) => (Date.parse(r.decidedAt) - Date.parse(r.submittedAt)) / HOUR)
  const rejected = decided.filter((r) => r.state === 'rejected')
  const reasons = new Map<string, number>()
  for (const r of rejected)
    reasons.set(r.reason || 'без причины', (reasons.get(r.reason || 'без причины') ?? 0) + 1)
  const byReason = [...reasons].sort((a, b) => b[1] - a[1])
  return {
    data: {
      title: `Регистрации в личном кабинете: решения за ${ruPeriod(params.period)}`,
      filters: [['Период', ruPeriod(params.period)]],
      baseName: `Регистрации ${params.period}`,
      sections: [
        {
          title: 'Итоги',
          count: 5,
          columns: metricColumns,
          rows: rowsOf([
            { metric: 'Решений всего', value: decided.length },
            { metric: 'Подтверждено', value: decided.length - rejected.length },
            { metric: 'Отклонено', value: rejected.length },
            { metric: 'Время до решения, медиана, ч', value: round1(percentile(hours, 0.5)) },
            { metric: 'Время до решения, 90-й процентиль, ч', value: round1(percentile(hours, 0.9)) },
          ]),
        },
        {
          title: 'Отказы по причинам',
          count: byReason.length,
          columns: [
            { key: 'reason', header: 'Причина', type: 'text', width: 50 },
            { key: 'count', header: 'Отказов', type: 'integer', width: 10 },
          ],
          rows: rowsOf(byReason.map(([reason, count]) => ({ reason, count }))),
        },
      ],
    },
    chart: byReason.length
      ? {
          kind: 'bar',
          unit: 'count',
          title: 'Отказы по причинам',
          labels: byReason.map(([reason]) => (reason.length > 40 ? `${reason.slice(0, 40)}…` : reason)),
          series: [{ label: 'отказов', data: byReason.map(([, count]) => count) }],
        }
      : null,
  }
}

/**
 * Requests and questions (docs/business-rules.md#reports-exports-and-the-audit-trail): open and overdue now,
 * closed in the month, the median days to close, and the share closed within the due date — each due date by
 * the same rule the queues show (10 working days for requests, 30 calendar days for questions, paused time
 * excluded).
 */
export function requestsQuestionsReport(
  db: BetterSqlite3.Database,
  params: ReportParams,
  now: Date,
): ReportBuild {
  const { from, to } = monthBounds(params.period)
  // Requests: the open ones as the queue sees them; the closed ones by their final step.
  const requests = requestReader(db)
  const openDue = requests.openDue(now)
  const closedRows = db
    .prepare(
      `SELECT r.id FROM web_requests r WHERE r.state IN ('completed', 'rejected') AND EXISTS (SELECT 1 FROM web_request_steps s
        WHERE s.request_id = r.id AND s.to_state IN ('completed', 'rejected') AND s.at >= ? AND s.at < ?)`,
    )
    .pluck()
    .all(from, to) as number[]
  const closedRequests = closedRows.map((id) => requests.item(requests.require(id), '', now))
  const requestDays = closedRequests.map((item) =>
    daysBetween(moscowDate(new Date(item.submittedAt)), moscowDate(new Date(item.steps.at(-1)!.at))),
  )
  const requestsInTime = closedRequests.filter(
    (item) => moscowDate(new Date(item.steps.at(-1)!.at)) <= item.dueOn,
  )

  // Questions: the first answer of those answered in the month, against the due date at that moment.
  const questions = questionReader(db)
  const counts = questions.counts('', now)
  const dueDays = questionDueUpkeep(db).dueDays()
  const answered = db
    .prepare(
      `SELECT f.id, f.state, f.submitted_at AS submittedAt, min(s.at) AS answeredAt FROM web_questions f
      JOIN web_question_steps s ON s.question_id = f.id AND s.to_state IN ('answered', 'waiting')
      GROUP BY f.id HAVING min(s.at) >= ? AND min(s.at) < ?`,
    )
    .all(from, to) as { id: number; state: string; submittedAt: string; answeredAt: string }[]
  const steps = db.prepare(
    `SELECT to_state AS state, at FROM web_question_steps WHERE question_id = ? AND at < ? ORDER BY id`,
  )
  const answerDays: number[] = []
  let questionsInTime = 0
  for (const question of answered) {
    const before = (steps.all(question.id, question.answeredAt) as { state: string; at: string }[])
      .filter((step) => isQuestionState(step.state))
      .map((step) => ({ state: step.state as QuestionState, at: step.at }))
    const answeredOn = moscowDate(new Date(question.answeredAt))
    const due = questionDue(
      before.length ? before : [{ state: 'new', at: question.submittedAt }],
      dueDays,
      new Date(question.answeredAt),
    )
    if (answeredOn <= due.dueOn) questionsInTime += 1
    answerDays.push(daysBetween(moscowDate(new Date(question.submittedAt)), answeredOn))
  }
  const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null)
  const requestRows = [
    { metric: 'Открыто сейчас', value: openDue.length },
    { metric: 'Просрочено сейчас', value: openDue.filter((due) => due === 'overdue').length },
    { metric: 'Закрыто за период', value: closedRequests.length },
    { metric: 'До закрытия, медиана, дней', value: percentile(requestDays, 0.5) },
    { metric: 'Закрыто в срок, %', value: percent(requestsInTime.length, closedRequests.length) },
  ]
  const questionRows = [
    { metric: 'Открыто сейчас', value: openQuestions(db) },
    { metric: 'Просрочено сейчас', value: counts.overdue },
    { metric: 'Отвечено за период', value: answered.length },
    { metric: 'До ответа, медиана, дней', value: percentile(answerDays, 0.5) },
    { metric: 'Отвечено в срок, %', value: percent(questionsInTime, answered.length) },
  ]
  return {
    data: {
      title: `Заявки и обращения за ${ruPeriod(params.period)}`,
      filters: [['Период', ruPeriod(params.period)]],
      baseName: `Заявки и обращения ${params.period}`,
      sections: [
        {
          title: 'Заявки на закрытие и переоформление',
          count: requestRows.length,
          columns: metricColumns,
          rows: rowsOf(requestRows),
        },
        {
          title: 'Обращения абонентов',
          count: questionRows.length,
          columns: metricColumns,
          rows: rowsOf(questionRows),
        },
      ],
    },
    chart:
      closedRequests.length + answered.length === 0
        ? null
        : {
            kind: 'bar',
            unit: 'percent',
            title: 'Закрыто в срок, %',
            labels: ['заявки', 'обращения'],
            series: [
              {
                label: '% в срок',
                data: [
                  percent(requestsInTime.length, closedRequests.length),
                  percent(questionsInTime, answered.length),
                ],
              },
            ],
          },
  }
}

function openQuestions(db: BetterSqlite3.Database): number {
  return db
    .prepare(`SELECT count(*) FROM web_questions WHERE state IN ('new', 'taken', 'waiting')`)
    .pluck()
    .get() as number
}
