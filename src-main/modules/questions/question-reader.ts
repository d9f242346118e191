import type BetterSqlite3 from 'better-sqlite3'
import type { InboxView, QuestionItem } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import { daysBetween, questionDue, questionRunningStatus } from '@shared/domain/questions/question-due'
import { isQuestionState, type QuestionState } from '@shared/domain/questions/question-states'
import { searchKey } from '@shared/domain/search/search-text'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { questionDueUpkeep, stepsOf } from './question-due-upkeep'
import { rowKey } from '@shared/central/row-keys'

export const questionClaimKey = (id: number) => rowKey({ entity: 'question', id })

export interface QuestionRow {
  id: number
  channel: 'web' | 'phone'
  subject: string
  surname: string
  firstName: string
  patronymic: string | null
  email: string | null
  phone: string | null
  accountNumber: string | null
  linkedAccount: string | null
  replyBy: 'email' | 'phone'
  message: string
  submittedAt: string
  state: QuestionState
  assignedTo: string | null
  assignedName: string | null
  /** Stored by the due upkeep while the clock runs (null otherwise). */
  dueOn: string | null
  clockStopped: number
}

const COLUMNS = `f.id, f.channel, f.subject, f.surname, f.first_name AS firstName, f.patronymic, f.email, f.phone,
  f.account_number AS accountNumber, f.linked_account AS linkedAccount, f.reply_by AS replyBy, f.message,
  f.submitted_at AS submittedAt, f.state, f.assigned_to AS assignedTo, s.full_name AS assignedName,
  CASE WHEN f.state IN ('new', 'taken') THEN f.due_on END AS dueOn, f.clock_stopped AS clockStopped`
/** What a list's line needs: not the question's text, which may be 10 kB and would ride every sort. */
const LINE_COLUMNS = `f.id, f.channel, f.subject, f.surname, f.first_name AS firstName, f.patronymic,
  f.linked_account AS linkedAccount, f.submitted_at AS submittedAt, f.state, f.assigned_to AS assignedTo,
  s.full_name AS assignedName, CASE WHEN f.state IN ('new', 'taken') THEN f.due_on END AS dueOn,
  f.clock_stopped AS clockStopped`
export type QuestionLineRow = Pick<
  QuestionRow,
  | 'id'
  | 'channel'
  | 'subject'
  | 'surname'
  | 'firstName'
  | 'patronymic'
  | 'linkedAccount'
  | 'submittedAt'
  | 'state'
  | 'assignedTo'
  | 'assignedName'
  | 'dueOn'
  | 'clockStopped'
>
const FROM = `web_questions f LEFT JOIN staff s ON s.login = f.assigned_to`

/** Which questions each view shows, and in which order (the most pressing first). */
const VIEWS: Record<InboxView, { where: string; order: string }> = {
  new: { where: `f.state = 'new'`, order: `f.due_on, f.id` },
  mine: {
    where: `f.assigned_to = @me AND f.state IN ('new', 'taken', 'waiting')`,
    order: `f.clock_stopped, f.due_on, f.id`,
  },
  waiting: { where: `f.state = 'waiting'`, order: `f.submitted_at, f.id` },
  overdue: { where: `f.state IN ('new', 'taken') AND f.due_on < @today`, order: `f.due_on, f.id` },
  closed: { where: `f.state IN ('answered', 'closed')`, order: `f.submitted_at DESC, f.id DESC` },
  all: { where: `1`, order: `f.submitted_at DESC, f.id DESC` },
}

/** The search words as an FTS5 query: each word a prefix, all of them required; ё as е, case aside. */
function matchQuery(search: string): string | null {
  const words = searchKey(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
  return words.length ? words.map((word) => `"${word}"*`).join(' ') : null
}

/** Reads the inbox from the console's copy: views, search, counts, and one question's line. */
export class QuestionReader {
  private readonly db: BetterSqlite3.Database
  private readonly s
  private readonly lists = new Map<string, BetterSqlite3.Statement>()

  constructor(db: BetterSqlite3.Database) {
    this.db = db
    this.s = {
      one: db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE f.id = ?`),
      steps: db.prepare(
        `SELECT to_state AS state, at FROM web_question_steps WHERE question_id = ? ORDER BY id`,
      ),
      ofAccount: db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE f.linked_account = ?
        ORDER BY f.submitted_at DESC, f.id DESC LIMIT 50`),
      countNew: db.prepare(`SELECT count(*) FROM web_questions WHERE state = 'new'`).pluck(),
      countMine: db
        .prepare(
          `SELECT count(*) FROM web_questions WHERE assigned_to = ? AND state IN ('new', 'taken', 'waiting')`,
        )
        .pluck(),
      countWaiting: db.prepare(`SELECT count(*) FROM web_questions WHERE state = 'waiting'`).pluck(),
      countOverdue: db
        .prepare(`SELECT count(*) FROM web_questions WHERE state IN ('new', 'taken') AND due_on < ?`)
        .pluck(),
    }
  }

  require(id: number): QuestionRow {
    const row = this.find(id)
    if (!row) throw new AppError('NOT_FOUND', { what: 'question' })
    return row
  }

  find(id: number): QuestionRow | null {
    return (this.s.one.get(id) as QuestionRow | undefined) ?? null
  }

  counts(me: string, now: Date) {
    const today = moscowDate(now)
    return {
      new: this.s.countNew.get() as number,
      mine: this.s.countMine.get(me) as number,
      waiting: this.s.countWaiting.get() as number,
      overdue: this.s.countOverdue.get(today) as number,
    }
  }

  /**
   * One view, narrowed by the search words (over the question, the names and every message), or by a
   * number: a question's own number or an account's.
   */
  inbox(view: InboxView, search: string, limit: number, me: string, now: Date) {
    const trimmed = search.trim()
    const byNumber = /^\d+$/.test(trimmed)
    const match = byNumber ? null : matchQuery(trimmed)
    const filter = byNumber
      ? `AND (f.id = @number OR f.linked_account = @text OR f.account_number = @text)`
      : match
        ? `AND f.id IN (SELECT rowid FROM question_text WHERE question_text MATCH @match
            UNION SELECT m.question_id FROM message_text t JOIN web_question_messages m ON m.id = t.rowid
            WHERE message_text MATCH @match)`
        : ''
    const spec = VIEWS[view]
    const params = { me, today: moscowDate(now), number: Number(trimmed), text: trimmed, match, limit }
    const dueDays = questionDueUpkeep(this.db).dueDays()
    const lines = (rows: QuestionLineRow[]) => rows.map((row) => this.listItem(row, me, now, dueDays))
    if (!match) {
      // A view read off its index stops after a page; the total is counted off the same index.
      const rows = this.list(
        `SELECT ${LINE_COLUMNS} FROM ${FROM} WHERE ${spec.where} ${filter} ORDER BY ${spec.order} LIMIT @limit`,
      ).all(params) as QuestionLineRow[]
      const total = this.list(`SELECT count(*) FROM web_questions f WHERE ${spec.where} ${filter}`)
        .pluck()
        .get(params) as number
      return { items: lines(rows), total }
    }
    // Words touch every match anyway: one narrow pass (ids and the view's order) gives the page and
    // the total; only the page's lines are then read whole.
    const hits = this.list(
      `SELECT f.id, count(*) OVER () AS total FROM web_questions f WHERE ${spec.where} ${filter}
      ORDER BY ${spec.order} LIMIT @limit`,
    ).all(params) as { id: number; total: number }[]
    const byId = new Map(
      (
        this.list(`SELECT ${LINE_COLUMNS} FROM ${FROM} WHERE f.id IN (SELECT value FROM json_each(?))`).all(
          JSON.stringify(hits.map((hit) => hit.id)),
        ) as QuestionLineRow[]
      ).map((row) => [row.id, row]),
    )
    return { items: lines(hits.map((hit) => byId.get(hit.id)!)), total: hits[0]?.total ?? 0 }
  }

  ofAccount(accountNumber: string, me: string, now: Date): QuestionItem[] {
    return (this.s.ofAccount.all(accountNumber) as QuestionRow[]).map((row) => this.item(row, me, now))
  }

  /**
   * A line of a list: a running clock's due date is the one the upkeep stored by the shared rule, so
   * only a stopped clock (whose date moves with today) reads the steps again.
   */
  private listItem(row: QuestionLineRow, me: string, now: Date, dueDays: number): QuestionItem {
    if (row.clockStopped || row.dueOn === null) return this.item(row, me, now, dueDays)
    const today = moscowDate(now)
    return {
      ...this.line(row, me, now),
      dueOn: row.dueOn,
      daysLeft: daysBetween(today, row.dueOn),
      due: questionRunningStatus(row.dueOn, today),
    }
  }

  steps(row: Pick<QuestionRow, 'id' | 'state' | 'submittedAt'>, now: Date) {
    return stepsOf(this.s.steps.all(row.id) as { state: string; at: string }[], row, now)
  }

  item(
    row: QuestionLineRow,
    me: string,
    now: Date,
    dueDays = questionDueUpkeep(this.db).dueDays(),
  ): QuestionItem {
    const due = questionDue(this.steps(row, now), dueDays, now)
    return { ...this.line(row, me, now), dueOn: due.dueOn, daysLeft: due.daysLeft, due: due.status }
  }

  private line(
    row: QuestionLineRow,
    me: string,
    now: Date,
  ): Omit<QuestionItem, 'dueOn' | 'daysLeft' | 'due'> {
    const state: QuestionState = isQuestionState(row.state) ? row.state : 'new'
    return {
      id: row.id,
      channel: row.channel === 'phone' ? 'phone' : 'web',
      subject: row.subject,
      from: [row.surname, row.firstName, row.patronymic].filter(Boolean).join(' '),
      accountNumber: row.linkedAccount,
      submittedAt: row.submittedAt,
      state,
      assignedTo: row.assignedName ?? row.assignedTo,
      assignedLogin: row.assignedTo,
      heldBy: claimHolder(this.db, questionClaimKey(row.id), me, now)?.fullName ?? null,
    }
  }

  /** Each view and search shape is prepared once and reused. */
  private list(sql: string): BetterSqlite3.Statement {
    let statement = this.lists.get(sql)
    if (!statement) this.lists.set(sql, (statement = this.db.prepare(sql)))
    return statement
  }
}

const readers = new WeakMap<BetterSqlite3.Database, QuestionReader>()

export function questionReader(db: BetterSqlite3.Database): QuestionReader {
  let reader = readers.get(db)
  if (!reader) readers.set(db, (reader = new QuestionReader(db)))
  return reader
}
