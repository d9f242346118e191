import type { auditChannels } from '@shared/contract'
import { actionPhrase } from '@shared/domain/audit/audit-words'
import { ruDate } from '@shared/domain/russian-text'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import type { ExportJobs } from '../exports/export-jobs'
import { AuditLines, type AuditRow } from './audit-lines'
import { AUDIT_COLUMNS, auditWhere } from './audit-query'

/** The Журнал: this console's audit trail in words, filtered, paged, exported. */
export function auditHandlers(deps: ModuleDeps, jobs: ExportJobs): Handlers<keyof typeof auditChannels> {
  const db = deps.local.sql
  const lines = new AuditLines(db)
  const people =
    db.prepare(`SELECT DISTINCT a.staff_login AS login, coalesce(s.full_name, a.staff_login) AS name
    FROM audit_log a LEFT JOIN staff s ON s.login = a.staff_login WHERE a.staff_login IS NOT NULL ORDER BY name`)
  const commands = db.prepare(`SELECT DISTINCT command FROM audit_log ORDER BY command`).pluck()

  return {
    'audit.list': (input) => {
      const shown = auditWhere(db, input, input.showSignIns ? 'shown' : 'hidden')
      const rows = db
        .prepare(
          `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ${shown.where} AND (@beforeId IS NULL OR id < @beforeId)
          ORDER BY id DESC LIMIT @take`,
        )
        .all({ ...shown.params, beforeId: input.beforeId ?? null, take: input.limit + 1 }) as AuditRow[]
      const page = rows.slice(0, input.limit)
      const noisy = input.showSignIns ? null : auditWhere(db, input, 'only')
      const folded = noisy
        ? (db
            .prepare(`SELECT count(*) FROM audit_log WHERE ${noisy.where}`)
            .pluck()
            .get(noisy.params) as number)
        : 0
      return {
        rows: page.map((row) => lines.line(row)),
        nextBeforeId: rows.length > input.limit ? page[page.length - 1]!.id : null,
        folded,
        people: people.all() as { login: string; name: string }[],
        actions: (commands.all() as string[]).map((command) => ({
          command,
          name: actionPhrase(command, null),
        })),
      }
    },

    'audit.export': (input, { session }) =>
      jobs.start(
        (reader) => {
          const readerLines = new AuditLines(reader)
          const filter = auditWhere(reader, input, input.showSignIns ? 'shown' : 'hidden')
          const count = reader
            .prepare(`SELECT count(*) FROM audit_log WHERE ${filter.where}`)
            .pluck()
            .get(filter.params) as number
          const rows = reader.prepare(
            `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ${filter.where} ORDER BY id DESC`,
          )
          const filters: [string, string][] = []
          if (input.from || input.to)
            filters.push([
              'Даты',
              `${input.from ? ruDate(input.from) : '…'} — ${input.to ? ruDate(input.to) : '…'}`,
            ])
          if (input.staffLogin) filters.push(['Сотрудник', readerLines.name(input.staffLogin)])
          if (input.command) filters.push(['Действие', actionPhrase(input.command, null)])
          if (input.accountNumber) filters.push(['Лицевой счёт', input.accountNumber])
          if (!input.showSignIns) filters.push(['Входы, открытия и автоматические шаги', 'скрыты'])
          return {
            title: 'Журнал действий',
            filters,
            baseName: `Журнал ${deps.clock.now().toISOString().slice(0, 10)}`,
            sections: [
              {
                title: 'Журнал',
                count,
                columns: [
                  { key: 'at', header: 'Когда', type: 'dateTime', width: 16 },
                  { key: 'who', header: 'Кто', type: 'text', width: 24 },
                  { key: 'action', header: 'Действие', type: 'text', width: 30 },
                  { key: 'subject', header: 'Что', type: 'text', width: 24 },
                  { key: 'changes', header: 'Было → стало', type: 'text', width: 50 },
                ],
                rows: function* () {
                  for (const row of rows.iterate(filter.params) as Iterable<AuditRow>) {
                    const line = readerLines.line(row)
                    yield {
                      ...line,
                      changes: line.changes
                        .map((c) =>
                          c.before ? `${c.field}: ${c.before} → ${c.after}` : `${c.field}: ${c.after}`,
                        )
                        .join('; '),
                    }
                  }
                },
              },
            ],
          }
        },
        input.format,
        session.staff.login,
      ),
  }
}
