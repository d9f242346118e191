import { EntitySchema } from 'typeorm'

export interface AuditLogRow {
  id: number
  at: string
  staffId: number | null
  staffLogin: string | null
  command: string
  commandId: string
  entity: string
  entityId: string
  beforeJson: string | null
  afterJson: string | null
}

export const AuditLogEntity = new EntitySchema<AuditLogRow>({
  name: 'AuditLog',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'text' },
    staffId: { type: 'integer', name: 'staff_id', nullable: true },
    staffLogin: { type: 'text', name: 'staff_login', nullable: true },
    command: { type: 'text' },
    commandId: { type: 'text', name: 'command_id' },
    entity: { type: 'text' },
    entityId: { type: 'text', name: 'entity_id' },
    beforeJson: { type: 'text', name: 'before_json', nullable: true },
    afterJson: { type: 'text', name: 'after_json', nullable: true },
  },
  indices: [{ name: 'audit_log_entity', columns: ['entity', 'entityId', 'id'] }],
})
