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
  /** The author's proof (docs/central-service.md#proof-of-person); null for the console's own work. */
  proofKey: string | null
  proofSignature: string | null
  /** What the key signed before this (docs/central-service.md#chained-proofs). */
  proofChain: string | null
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
    proofKey: { type: 'text', name: 'proof_key', nullable: true },
    proofSignature: { type: 'text', name: 'proof_signature', nullable: true },
    proofChain: { type: 'text', name: 'proof_chain', nullable: true },
  },
  indices: [{ name: 'outbox_state', columns: ['state', 'seq'] }],
})
