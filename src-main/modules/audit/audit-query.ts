import type BetterSqlite3 from 'better-sqlite3'
import type { AuditFilter } from '@shared/contract'
import { NOISY_COMMANDS } from '@shared/domain/audit/audit-words'
import { moscowMidnight } from '@shared/domain/moscow-time'
import type { AuditRow } from './audit-lines'

const NOISY = NOISY_COMMANDS.map((c) => `'${c}'`).join(', ')
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** The filter as SQL over `audit_log`, with its parameters (an unknown account number matches nothing). */
export function auditWhere(
  db: BetterSqlite3.Database,
  filter: AuditFilter,
  noisy: 'shown' | 'hidden' | 'only',
) {
  const accountId = filter.accountNumber
    ? ((db.prepare(`SELECT id FROM accounts WHERE number = ?`).pluck().get(filter.accountNumber) as
        number | undefined) ?? -1)
    : null
  const params = {
    staff: filter.staffLogin,
    command: filter.command,
    accountId: accountId === null ? null : String(accountId),
    from: filter.from ? moscowMidnight(filter.from) : null,
    to: filter.to ? moscowMidnight(nextDay(filter.to)) : null,
  }
  const where = [
    `(@staff IS NULL OR staff_login = @staff)`,
    `(@command IS NULL OR command = @command)`,
    `(@accountId IS NULL OR (entity IN ('account', 'cabinet') AND entity_id = @accountId))`,
    `(@from IS NULL OR at >= @from)`,
    `(@to IS NULL OR at < @to)`,
    // Sign-ins, claims and the automatic steps no person took fold away, so staff actions stand out.
    noisy === 'hidden'
      ? `command NOT IN (${NOISY}) AND staff_login IS NOT NULL`
      : noisy === 'only'
        ? `(command IN (${NOISY}) OR staff_login IS NULL)`
        : '1',
  ].join(' AND ')
  return { where, params }
}

export const AUDIT_COLUMNS = `id, at, staff_login AS staffLogin, command, entity, entity_id AS entityId,
  before_json AS before, after_json AS after`

export type { AuditRow }
