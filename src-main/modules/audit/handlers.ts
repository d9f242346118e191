import type { AuditEntry, auditChannels } from '@shared/contract'
import { LessThan } from 'typeorm'
import { AuditLogEntity, type AuditLogRow } from '../../db/local/entities'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'

export function auditHandlers(deps: ModuleDeps): Handlers<keyof typeof auditChannels> {
  const repository = deps.local.orm.getRepository(AuditLogEntity)

  return {
    'audit.list': async (input) => {
      const rows = await repository.find({
        where: {
          ...(input.beforeId ? { id: LessThan(input.beforeId) } : {}),
          ...(input.entity ? { entity: input.entity } : {}),
          ...(input.entityId ? { entityId: input.entityId } : {}),
        },
        order: { id: 'DESC' },
        take: input.limit + 1,
      })
      const page = rows.slice(0, input.limit)
      return {
        rows: page.map(toEntry),
        nextBeforeId: rows.length > input.limit ? page[page.length - 1]!.id : null,
      }
    },
  }
}

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    staffLogin: row.staffLogin,
    command: row.command,
    entity: row.entity,
    entityId: row.entityId,
    before: row.beforeJson,
    after: row.afterJson,
  }
}
