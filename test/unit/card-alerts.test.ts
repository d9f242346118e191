import { describe, expect, it } from 'vitest'
import type { AccountCard } from '@shared/contract'
import { cardAlerts } from '@shared/domain/card-alerts'

function card(overrides: Partial<AccountCard> = {}): AccountCard {
  return {
    account: {} as AccountCard['account'],
    cabinet: { state: 'none', email: null },
    meters: [],
    owners: [],
    billing: null,
    requests: [],
    questions: [],
    passwordResets: [],
    notes: [],
    premise: [],
    history: [],
    ...overrides,
  }
}
const meter = (overdue: boolean, status: 'active' | 'removed' = 'active') =>
  ({ verificationOverdue: overdue, status }) as AccountCard['meters'][number]
const question = (
  state: AccountCard['questions'][number]['state'],
  due: AccountCard['questions'][number]['due'],
) => ({ id: 1, subject: 'Тариф', state, submittedAt: '2026-05-01', due }) as AccountCard['questions'][number]

describe('what the card header warns about', () => {
  it('says nothing for an account with nothing open', () => {
    expect(cardAlerts(card())).toEqual([])
  })

  it('tells an overdue question from one still within its due date, and ignores answered ones', () => {
    expect(cardAlerts(card({ questions: [question('new', 'overdue')] }))).toEqual([
      { key: 'overdueQuestion', tone: 'danger', params: { count: 1 } },
    ])
    expect(cardAlerts(card({ questions: [question('taken', 'onTime')] }))).toEqual([
      { key: 'openQuestion', tone: 'warn', params: { count: 1 } },
    ])
    expect(cardAlerts(card({ questions: [question('answered', 'done')] }))).toEqual([])
  })

  it('counts open requests, overdue verifications of meters in service, and a pending cabinet', () => {
    const alerts = cardAlerts(
      card({
        requests: [
          { id: 1, kind: 'closure', state: 'awaiting_documents', filedAt: '2026-11-01' },
          { id: 2, kind: 'reRegistration', state: 'completed', filedAt: '2026-01-01' },
        ],
        meters: [meter(true), meter(true, 'removed'), meter(false)],
        cabinet: { state: 'pending', email: 'a@b.ru' },
      }),
    )
    expect(alerts.map((a) => [a.key, a.params])).toEqual([
      ['openRequest', { count: 1 }],
      ['overdueVerification', { count: 1 }],
      ['pendingCabinet', {}],
    ])
  })
})
