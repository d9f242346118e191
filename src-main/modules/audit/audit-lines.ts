import type BetterSqlite3 from 'better-sqlite3'
import type { AuditLine } from '@shared/contract'
import { actionPhrase, fieldChanges, pastTense, SYSTEM } from '@shared/domain/audit/audit-words'
import { ruPeriod } from '@shared/domain/russian-text'

export interface AuditRow {
  id: number
  at: string
  staffLogin: string | null
  command: string
  entity: string
  entityId: string
  before: string | null
  after: string | null
}

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null)

/**
 * Audit rows as people read them: the person's name, what they did in words, what it was done to
 * (an account by its number, a request or question by its number, a person by name) and each changed
 * field before → after. Used by the Журнал screen, its export and the account card's history.
 */
export class AuditLines {
  private readonly s
  private readonly names = new Map<string, string>()

  constructor(db: BetterSqlite3.Database) {
    this.s = {
      staff: db.prepare(`SELECT full_name FROM staff WHERE login = ?`).pluck(),
      staffById: db.prepare(`SELECT full_name FROM staff WHERE id = ?`).pluck(),
      account: db.prepare(`SELECT number FROM accounts WHERE id = ?`).pluck(),
      meter: db
        .prepare(
          `SELECT m.serial || ', ЛС ' || a.number FROM meters m JOIN accounts a ON a.id = m.account_id WHERE m.id = ?`,
        )
        .pluck(),
      registration: db.prepare(`SELECT account_number FROM web_registrations WHERE id = ?`).pluck(),
    }
  }

  line(row: AuditRow): AuditLine {
    const before = parse(row.before)
    const after = parse(row.after)
    const who = row.staffLogin ? this.name(row.staffLogin) : SYSTEM
    return {
      id: row.id,
      at: row.at,
      who,
      action: pastTense(actionPhrase(row.command, after), who),
      command: row.command,
      subject: this.subject(row.entity, row.entityId),
      changes: fieldChanges(before, after),
    }
  }

  /** A person's full name by login (the login itself for someone this console never saw). */
  name(login: string): string {
    let name = this.names.get(login)
    if (name === undefined) {
      name = (this.s.staff.get(login) as string | undefined) ?? login
      this.names.set(login, name)
    }
    return name
  }

  subject(entity: string, id: string): string {
    switch (entity) {
      case 'account':
      case 'cabinet': {
        const number = this.s.account.get(Number(id)) as string | undefined
        return number ? `ЛС ${number}` : `лицевой счёт (код ${id})`
      }
      case 'meter':
        return `счётчик ${(this.s.meter.get(Number(id)) as string | undefined) ?? id}`
      case 'reading': {
        const [meterId, period] = id.split(':')
        const meter = this.s.meter.get(Number(meterId)) as string | undefined
        return `показание${period ? ` за ${ruPeriod(period)}` : ''}${meter ? `, счётчик ${meter}` : ''}`
      }
      case 'webRegistration': {
        const number = this.s.registration.get(Number(id)) as string | undefined
        return `регистрация № ${id}${number ? `, ЛС ${number}` : ''}`
      }
      case 'webRequest':
        return `заявка № ${id}`
      case 'question':
        return `обращение № ${id}`
      case 'phoneQuestion':
        return 'вопрос по телефону'
      case 'webReading':
        return `показание с сайта № ${id}`
      case 'staff':
        return /^\d+$/.test(id)
          ? ((this.s.staffById.get(Number(id)) as string | undefined) ?? id)
          : this.name(id)
      case 'periodClosure':
        return `период ${ruPeriod(id)}`
      case 'readingBatch':
        return `пачка бланков № ${id}`
      case 'claim': {
        const colon = id.indexOf(':')
        const kind = id.slice(0, colon)
        const claimed =
          kind === 'webRegistration' || kind === 'webRequest' || kind === 'question' ? kind : null
        return claimed ? this.subject(claimed, id.slice(colon + 1)) : id
      }
      case 'conflict':
        return `конфликт № ${id}`
      case 'replyTemplate':
        return `шаблон ответа ${/^\d+$/.test(id) ? `№ ${id}` : `«${id}»`}`
      case 'inboxSettings':
        return 'настройки обращений'
      case 'settings':
        return 'настройки консоли'
      default:
        return `${entity} ${id}`
    }
  }
}
