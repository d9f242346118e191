import { describe, expect, it } from 'vitest'
import { fieldChanges, pastTense, SYSTEM } from '@shared/domain/audit/audit-words'

/**
 * The Журнал reads in words (docs/business-rules.md#reports-exports-and-the-audit-trail): no state
 * codes, source codes, check codes, JSON or ISO dates reach a reader.
 */
describe('the audit trail’s values, in words', () => {
  it('names states, sources, roles and checks in Russian', () => {
    expect(fieldChanges({ state: 'new' }, { state: 'accepted' })).toEqual([
      { field: 'состояние', before: 'новое', after: 'принято' },
    ])
    expect(fieldChanges({ state: 'in_review' }, { state: 'approved' })[0]).toMatchObject({
      before: 'на рассмотрении',
      after: 'одобрено',
    })
    expect(fieldChanges(null, { source: 'web', role: 'clerk' })).toEqual([
      { field: 'источник', before: '', after: 'сайт' },
      { field: 'роль', before: '', after: 'специалист' },
    ])
    expect(fieldChanges(null, { flags: ['verificationOverdue', 'spike'] })[0]!.after).toBe(
      'просрочена поверка счётчика; расход намного выше обычного',
    )
  })

  it('says a checklist document by document, never as JSON', () => {
    const [change] = fieldChanges(null, {
      checklist: [
        { document: 'newOwnerPassport', verdict: 'valid', note: null },
        { document: 'ownership', verdict: 'missing', note: 'нет выписки' },
      ],
    })
    expect(change!.after).toBe(
      'паспорт нового владельца — есть; документ о праве собственности — нет (нет выписки)',
    )
  })

  it('writes days, moments (Moscow time) and periods as Russians do', () => {
    const [day, moment, period] = fieldChanges(null, {
      on: '2026-12-15',
      madeAt: '2026-12-02T20:59:00.000Z',
      from: '2026-12',
    })
    expect(day!.after).toBe('15.12.2026')
    // 23:59 on the 2nd in Moscow, the last minute that still counts for the month.
    expect(moment!.after).toBe('02.12.2026 23:59')
    expect(period!.after).toBe('декабрь 2026')
    expect(fieldChanges(null, { madeAt: '2027-01-02T21:00:00.000Z' })[0]!.after).toBe('03.01.2027 00:00')
    expect(fieldChanges(null, { on: '2028-02-29' })[0]!.after).toBe('29.02.2028')
  })

  it('speaks of the system in the feminine: «система проверила»', () => {
    expect(pastTense('проверил показание с сайта', SYSTEM)).toBe('проверила показание с сайта')
  })
})
