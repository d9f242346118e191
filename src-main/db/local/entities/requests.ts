import { EntitySchema } from 'typeorm'

export type RequestKind = 'closure' | 'reregistration'
export type RequestState = 'new' | 'in_review' | 'awaiting_documents' | 'approved' | 'rejected' | 'completed'

export interface ServiceRequestRow {
  id: number
  accountId: number
  kind: RequestKind
  state: RequestState
  channel: 'web' | 'office'
  filedAt: string
  updatedAt: string
}

export const ServiceRequestEntity = new EntitySchema<ServiceRequestRow>({
  name: 'ServiceRequest',
  tableName: 'service_requests',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    accountId: { type: 'integer', name: 'account_id' },
    kind: { type: 'text' },
    state: { type: 'text' },
    channel: { type: 'text' },
    filedAt: { type: 'text', name: 'filed_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
  indices: [{ name: 'service_requests_account', columns: ['accountId', 'filedAt'] }],
})
