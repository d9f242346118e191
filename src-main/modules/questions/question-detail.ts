import type BetterSqlite3 from 'better-sqlite3'
import type { QuestionDetail, QuestionMessage } from '@shared/contract'
import { formatAddress, formatOwner } from '@shared/domain/address'
import { linkQuestion, type LinkCandidate } from '@shared/domain/questions/question-links'
import { isQuestionState } from '@shared/domain/questions/question-states'
import type { PlaceholderValues } from '@shared/domain/questions/reply-templates'
import { phoneDigits } from '@shared/domain/search/account-query'
import { rubles, ruPeriod } from '@shared/domain/russian-text'
import { parseRefusal } from '../../sync/command-answer'
import { findStaffByLogin } from '../staff/staff-queries'
import { questionReader, type QuestionRow } from './question-reader'

interface MessageRow {
  id: number
  kind: 'reply' | 'answer' | 'note'
  body: string
  login: string | null
  at: string
  outboxState: 'pending' | 'applied' | 'refused' | null
  refusal: string | null
}

interface AccountRow {
  id: number
  number: string
  surname: string
  firstName: string
  patronymic: string | null
  district: string
  street: string
  house: string
  building: string | null
  apartment: string | null
}

const ACCOUNT = `SELECT id, number, surname, first_name AS firstName, patronymic, district, street, house, building,
  apartment, email, phone FROM accounts`

/** One question opened for work: its line, the conversation in order, the account and the template values. */
export class QuestionDetailReader {
  private readonly s

  constructor(private readonly db: BetterSqlite3.Database) {
    this.s = {
      messages: db.prepare(`SELECT m.id, m.kind, m.body, m.staff_login AS login, m.at, o.state AS outboxState,
        o.refusal_json AS refusal FROM web_question_messages m LEFT JOIN outbox o ON o.command_id = m.command_id AND m.id < 0
        WHERE m.question_id = ? ORDER BY m.at, m.id`),
      steps:
        db.prepare(`SELECT to_state AS state, at, staff_login AS login, assignee, reason FROM web_question_steps
        WHERE question_id = ? ORDER BY id`),
      account: db.prepare(`${ACCOUNT} WHERE number = ?`),
      byEmail: db.prepare(`${ACCOUNT} WHERE email = ? COLLATE NOCASE LIMIT 3`),
      byPhone: db.prepare(`${ACCOUNT} WHERE phone_digits = ? LIMIT 3`),
      lastPeriod: db.prepare(`SELECT max(period) FROM charges WHERE account_id = ?`).pluck(),
      charged: db
        .prepare(`SELECT coalesce(sum(amount_kopecks), 0) FROM charges WHERE account_id = ? AND period = ?`)
        .pluck(),
      paidIn: db
        .prepare(
          `SELECT coalesce(sum(amount_kopecks), 0) FROM payments WHERE account_id = ? AND substr(paid_on, 1, 7) = ?`,
        )
        .pluck(),
      balance: db
        .prepare(
          `SELECT (SELECT coalesce(sum(amount_kopecks), 0) FROM charges WHERE account_id = @id)
        - (SELECT coalesce(sum(amount_kopecks), 0) FROM payments WHERE account_id = @id)`,
        )
        .pluck(),
    }
  }

  detail(id: number, me: string, now: Date): QuestionDetail {
    const reader = questionReader(this.db)
    const row = reader.require(id)
    const account = row.linkedAccount
      ? (this.s.account.get(row.linkedAccount) as AccountRow | undefined)
      : undefined
    const messages = this.messages(row)
    return {
      ...reader.item(row, me, now),
      surname: row.surname,
      firstName: row.firstName,
      patronymic: row.patronymic,
      email: row.email,
      phone: row.phone,
      replyBy: row.replyBy === 'phone' ? 'phone' : 'email',
      givenAccountNumber: row.accountNumber,
      account: account
        ? {
            id: account.id,
            number: account.number,
            owner: formatOwner(account),
            address: formatAddress(account),
          }
        : null,
      suggestion: account ? null : this.suggestion(row),
      messages,
      steps: (
        this.s.steps.all(row.id) as {
          state: string
          at: string
          login: string | null
          assignee: string | null
          reason: string | null
        }[]
      )
        .filter((step) => isQuestionState(step.state))
        .map((step) => ({
          state: step.state as QuestionDetail['state'],
          at: step.at,
          by: this.name(step.login),
          reason: this.stepReason(step.state, step.reason, step.assignee),
        })),
      lastMessageId: Math.max(0, ...messages.map((message) => message.id)),
      placeholders: this.placeholders(row, account),
    }
  }

  /** The subscriber's question first, then every message in the order it was written. */
  private messages(row: QuestionRow): QuestionMessage[] {
    const first: QuestionMessage = {
      id: 0,
      kind: 'question',
      body: row.message,
      by: null,
      at: row.submittedAt,
      delivery: 'sent',
      refusal: null,
    }
    return [
      first,
      ...(this.s.messages.all(row.id) as MessageRow[]).map((message) => ({
        id: message.id,
        kind: message.kind,
        body: message.body,
        by: this.name(message.login),
        at: message.at,
        delivery:
          message.id > 0
            ? ('sent' as const)
            : message.outboxState === 'refused'
              ? ('refused' as const)
              : ('pending' as const),
        refusal: message.outboxState === 'refused' ? parseRefusal(message.refusal ?? '{}') : null,
      })),
    ]
  }

  private suggestion(row: QuestionRow): QuestionDetail['suggestion'] {
    const digits = row.phone ? phoneDigits(row.phone.replace(/\D/g, '')) : null
    const withEmail = row.email
      ? (this.s.byEmail.all(row.email.trim()) as (AccountRow & LinkCandidate)[])
      : []
    const withPhone = digits ? (this.s.byPhone.all(digits) as (AccountRow & LinkCandidate)[]) : []
    const link = linkQuestion(row, null, withEmail, withPhone)
    if (link.kind !== 'suggested') return null
    const account = [...withEmail, ...withPhone].find((a) => a.number === link.accountNumber)!
    return { accountNumber: link.accountNumber, by: link.by, owner: formatOwner(account) }
  }

  /** What reply templates are filled with; amounts from the account's last charged period. */
  private placeholders(row: QuestionRow, account: AccountRow | undefined): PlaceholderValues {
    const values: PlaceholderValues = {
      ФИО: [row.surname, row.firstName, row.patronymic].filter(Boolean).join(' '),
      имя_отчество: [row.firstName, row.patronymic].filter(Boolean).join(' '),
      номер_обращения: String(row.id),
      лицевой_счёт: account?.number ?? null,
    }
    if (!account) return values
    const period = this.s.lastPeriod.get(account.id) as string | null
    if (!period) return values
    const balance = this.s.balance.get({ id: account.id }) as number
    return {
      ...values,
      период: ruPeriod(period),
      начислено: rubles(this.s.charged.get(account.id, period) as number),
      оплачено: rubles(this.s.paidIn.get(account.id, period) as number),
      задолженность: balance > 0 ? rubles(balance) : 'нет',
    }
  }

  private name(login: string | null): string | null {
    return login ? (findStaffByLogin(this.db, login)?.fullName ?? login) : null
  }

  /** Step reasons are stored as codes ('rotation', 'reply', 'duplicate:12'); the screen words them. */
  private stepReason(state: string, reason: string | null, assignee: string | null): string | null {
    if (reason === 'rotation') return `rotation:${this.name(assignee) ?? ''}`
    // A step into work names who it went to; an answer's step needs no such line.
    if (reason === null && assignee && (state === 'taken' || state === 'new'))
      return `assigned:${this.name(assignee) ?? assignee}`
    return reason
  }
}

const readers = new WeakMap<BetterSqlite3.Database, QuestionDetailReader>()

export function questionDetailReader(db: BetterSqlite3.Database): QuestionDetailReader {
  let reader = readers.get(db)
  if (!reader) readers.set(db, (reader = new QuestionDetailReader(db)))
  return reader
}
