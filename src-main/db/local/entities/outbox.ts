import { EntitySchema } from 'typeorm'

export type OutboxState = 'pending' | 'applied' | 'refused'

export interface OutboxRow {
  seq: number
  commandId: string
  command: string
  payloadJson: string
  staffId: number | null
  createdAt: string
  state: OutboxState
  refusalJson: string | null
}

export const OutboxEntity = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    commandId: { type: 'text', name: 'command_id', unique: true },
    command: { type: 'text' },
    payloadJson: { type: 'text', name: 'payload_json' },
    staffId: { type: 'integer', name: 'staff_id', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    state: { type: 'text', default: 'pending' },
    refusalJson: { type: 'text', name: 'refusal_json', nullable: true },
  },
  indices: [{ name: 'outbox_state', columns: ['state', 'seq'] }],
})
