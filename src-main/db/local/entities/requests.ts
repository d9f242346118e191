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

export type FeedbackState = 'new' | 'in_progress' | 'answered' | 'closed'

export interface FeedbackRow {
  id: number
  accountId: number | null
  surname: string
  firstName: string
  patronymic: string | null
  email: string | null
  phone: string | null
  subject: string
  message: string
  channel: 'web' | 'phone'
  state: FeedbackState
  receivedAt: string
  /** 30 calendar days after receipt by default (DOMAIN.md, feedback). */
  dueOn: string
  answeredAt: string | null
}

export const FeedbackEntity = new EntitySchema<FeedbackRow>({
  name: 'Feedback',
  tableName: 'feedback',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    accountId: { type: 'integer', name: 'account_id', nullable: true },
    surname: { type: 'text' },
    firstName: { type: 'text', name: 'first_name' },
    patronymic: { type: 'text', nullable: true },
    email: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    subject: { type: 'text' },
    message: { type: 'text' },
    channel: { type: 'text' },
    state: { type: 'text' },
    receivedAt: { type: 'text', name: 'received_at' },
    dueOn: { type: 'text', name: 'due_on' },
    answeredAt: { type: 'text', name: 'answered_at', nullable: true },
  },
  indices: [{ name: 'feedback_account', columns: ['accountId', 'receivedAt'] }],
})
