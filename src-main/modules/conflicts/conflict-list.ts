import type BetterSqlite3 from 'better-sqlite3'
import type { CommandRefusal, SyncConflict } from '@shared/contract'
import type { ConflictingReading } from '@shared/central/conflicting-reading'
import { formatOwner } from '@shared/domain/address'
import { ruPeriod } from '@shared/domain/russian-text'
import { parseRefusal } from '../../sync/command-answer'

interface ConflictRow {
  id: number
  kind: SyncConflict['kind']
  entityKey: string
  field: string | null
  central: string | null
  console: string | null
  raisedBy: string | null
  raisedAt: string
}

/** A reading conflict's values are `{ valueMilli }`; an account field's are the field's text. */
function shown(kind: SyncConflict['kind'], json: string | null): string | number | null {
  if (json === null) return null
  const value = JSON.parse(json) as unknown
  if (kind === 'readingValue') return (value as { valueMilli: number }).valueMilli
  return value === null ? null : String(value)
}

function movedFrom(json: string | null): string | null {
  if (json === null) return null
  return (JSON.parse(json) as Partial<ConflictingReading>).movedFrom ?? null
}

/** Open conflicts, oldest first, each with the account and meter it is about in words. */
export function readOpenConflicts(db: BetterSqlite3.Database): SyncConflict[] {
  const rows = db
    .prepare(
      `SELECT id, kind, entity_key AS entityKey, field, central_value_json AS central, console_value_json AS console,
      coalesce((SELECT full_name FROM staff WHERE login = raised_by), raised_by) AS raisedBy, raised_at AS raisedAt
      FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY raised_at, id`,
    )
    .all() as ConflictRow[]
  const accountById = db.prepare(
    `SELECT id, number, surname, first_name AS firstName, patronymic FROM accounts WHERE id = ?`,
  )
  const meterById = db.prepare(
    `SELECT m.serial, m.place, a.id, a.number, a.surname, a.first_name AS firstName, a.patronymic
    FROM meters m JOIN accounts a ON a.id = m.account_id WHERE m.id = ?`,
  )
  type AccountPart = {
    id: number
    number: string
    surname: string
    firstName: string
    patronymic: string | null
  }
  return rows.map((row) => {
    const [, id, period] = row.entityKey.split(':')
    let subject = row.entityKey
    let accountId: number | null = null
    if (row.kind === 'readingValue') {
      const meter = meterById.get(Number(id)) as (AccountPart & { serial: string; place: string }) | undefined
      if (meter) {
        accountId = meter.id
        subject = `${meter.number} · ${formatOwner(meter)} · ${meter.serial} (${meter.place}) · ${ruPeriod(period!)}`
      }
    } else {
      const account = accountById.get(Number(id)) as AccountPart | undefined
      if (account) {
        accountId = account.id
        subject = `${account.number} · ${formatOwner(account)}`
      }
    }
    return {
      id: row.id,
      kind: row.kind,
      entityKey: row.entityKey,
      field: row.field,
      subject,
      accountId,
      centralValue: shown(row.kind, row.central),
      consoleValue: shown(row.kind, row.console),
      movedFrom: row.kind === 'readingValue' ? movedFrom(row.console) : null,
      raisedBy: row.raisedBy,
      raisedAt: row.raisedAt,
    }
  })
}

/** This console's commands the central database refused, newest first, with its reason. */
export function readRefusals(db: BetterSqlite3.Database, limit = 100): CommandRefusal[] {
  const rows = db
    .prepare(
      `SELECT o.command_id AS commandId, o.command, o.created_at AS at, s.login AS staffLogin, o.refusal_json AS refusal
      FROM outbox o LEFT JOIN staff s ON s.id = o.staff_id WHERE o.state = 'refused' ORDER BY o.seq DESC LIMIT ?`,
    )
    .all(limit) as {
    commandId: string
    command: string
    at: string
    staffLogin: string | null
    refusal: string
  }[]
  return rows.map(({ refusal, ...row }) => ({ ...row, ...parseRefusal(refusal) }))
}
