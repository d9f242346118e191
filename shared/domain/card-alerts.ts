import type { AccountCard } from '@shared/contract'
import { isOpen } from './requests/request-states'

export interface CardAlert {
  key: 'overdueQuestion' | 'openQuestion' | 'openRequest' | 'overdueVerification' | 'pendingCabinet'
  tone: 'danger' | 'warn'
  params: Record<string, string | number>
}

/**
 * Anything open on the account that the operator should know before answering
 * (docs/business-rules.md#accounts): a question past its due date (or still open), a request in progress, a
 * meter past its verification, a cabinet waiting for a clerk.
 */
export function cardAlerts(card: AccountCard): CardAlert[] {
  const alerts: CardAlert[] = []
  // The due status comes with each question, by the inbox's own rule (shared/domain/questions/question-due).
  const open = card.questions.filter((question) => question.due !== 'done')
  const overdue = open.filter((question) => question.due === 'overdue')
  if (overdue.length)
    alerts.push({ key: 'overdueQuestion', tone: 'danger', params: { count: overdue.length } })
  else if (open.length) alerts.push({ key: 'openQuestion', tone: 'warn', params: { count: open.length } })
  const requests = card.requests.filter((request) => isOpen(request.state))
  if (requests.length) alerts.push({ key: 'openRequest', tone: 'warn', params: { count: requests.length } })
  const meters = card.meters.filter((meter) => meter.status === 'active' && meter.verificationOverdue)
  if (meters.length)
    alerts.push({ key: 'overdueVerification', tone: 'danger', params: { count: meters.length } })
  if (card.cabinet.state === 'pending') alerts.push({ key: 'pendingCabinet', tone: 'warn', params: {} })
  return alerts
}
