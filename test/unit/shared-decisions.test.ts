import { describe, expect, it } from 'vitest'
import { assignPeriod } from '@shared/domain/billing-period'
import { decideAssignment } from '@shared/domain/questions/question-assignment'
import { decideClosing, sameAsker } from '@shared/domain/questions/question-closing'
import {
  decideWebCheck,
  decideWebReview,
  evaluateWebReading,
  meterPast,
  type WebReadingFacts,
} from '@shared/domain/readings/web-reading-check'
import { decideCompletion, type CompletionFacts } from '@shared/domain/requests/request-completion'

/**
 * The decisions the console and the central service both run (docs/central-service.md#one-rule-on-both-sides),
 * on facts written out by hand: each side only loads these facts and writes the effect.
 */
describe('who may give a question to whom', () => {
  const open = { state: 'new' as const, assignedTo: null, assigneeActive: true }

  it('lets anyone take a question and give back their own, and only a supervisor give it to another', () => {
    const operator = { login: 'oper1', role: 'operator' as const }
    expect(decideAssignment(open, 'oper1', operator)).toEqual({ state: 'taken', changed: true })
    expect(decideAssignment(open, 'clerk1', operator)).toEqual({ refusal: 'FORBIDDEN' })
    expect(
      decideAssignment({ state: 'taken', assignedTo: 'oper1', assigneeActive: null }, null, operator),
    ).toEqual({ state: 'new', changed: true })
    expect(
      decideAssignment({ state: 'taken', assignedTo: 'clerk1', assigneeActive: null }, null, operator),
    ).toEqual({ refusal: 'FORBIDDEN' })
    const chief = { login: 'chief', role: 'supervisor' as const }
    expect(decideAssignment(open, 'clerk1', chief)).toEqual({ state: 'taken', changed: true })
  })

  it('refuses a person who is not active staff, keeps a waiting question waiting, and sees no change as none', () => {
    const chief = { login: 'chief', role: 'supervisor' as const }
    expect(decideAssignment({ ...open, assigneeActive: false }, 'gone', chief)).toEqual({
      refusal: 'NOT_FOUND',
      what: 'staff',
    })
    expect(
      decideAssignment({ state: 'waiting', assignedTo: 'clerk1', assigneeActive: true }, 'clerk2', chief),
    ).toEqual({ state: 'waiting', changed: true })
    expect(
      decideAssignment({ state: 'taken', assignedTo: 'clerk1', assigneeActive: true }, 'clerk1', chief),
    ).toEqual({ state: 'taken', changed: false })
  })
})

describe('closing a question as a duplicate', () => {
  const orlova = { email: 'Orlova@Mail.ru ', phone: null, accountNumbers: ['40000001', null] }

  it('merges only one subscriber’s questions: the same e-mail, phone or account', () => {
    expect(sameAsker(orlova, { email: 'orlova@mail.ru', phone: null, accountNumbers: [] })).toBe(true)
    expect(
      sameAsker(
        { email: null, phone: '+7 978 111-22-33', accountNumbers: [] },
        {
          email: null,
          phone: '89781112233',
          accountNumbers: [],
        },
      ),
    ).toBe(true)
    expect(sameAsker(orlova, { email: 'x@mail.ru', phone: null, accountNumbers: [null, '40000001'] })).toBe(
      true,
    )
    expect(sameAsker(orlova, { email: 'petrova@mail.ru', phone: null, accountNumbers: ['40000002'] })).toBe(
      false,
    )
    const question = { id: 2, state: 'new' as const, asker: orlova }
    expect(
      decideClosing(
        question,
        { reason: 'duplicate', duplicateOf: 1 },
        {
          asker: { email: 'petrova@mail.ru', phone: null, accountNumbers: [] },
        },
      ),
    ).toEqual({ refusal: 'DUPLICATE_OF_ANOTHER_SUBSCRIBER' })
    expect(decideClosing(question, { reason: 'duplicate', duplicateOf: 1 }, { asker: orlova })).toEqual({
      close: true,
    })
    expect(decideClosing(question, { reason: 'duplicate', duplicateOf: 2 }, null)).toEqual({
      refusal: 'INVALID_INPUT',
      fields: 'duplicateOf',
    })
    expect(
      decideClosing({ ...question, state: 'answered' }, { reason: 'spam', duplicateOf: null }, null),
    ).toEqual({
      close: false,
    })
  })
})

describe('completing a request', () => {
  const closure: CompletionFacts = {
    kind: 'closure',
    state: 'approved',
    submittedAt: '2028-02-29T09:00:00.000Z',
    account: { status: 'active' },
    meters: [{ serial: 'A-1', lastReceivedAt: '2028-02-22T10:00:00.000Z' }],
  }
  const owner = { surname: 'Кравченко-Белая', firstName: 'Мария', patronymic: 'Олеговна' }

  it('closes an account once every meter has a reading from the 7 days before the filing (29 February 2028)', () => {
    expect(decideCompletion(closure, { on: '2028-02-29', newOwner: null }, '2028-02-29')).toEqual({
      effect: 'close',
    })
    const early = { ...closure, meters: [{ serial: 'A-1', lastReceivedAt: '2028-02-21T20:00:00.000Z' }] }
    expect(decideCompletion(early, { on: '2028-02-29', newOwner: null }, '2028-02-29')).toEqual({
      refusal: { code: 'FINAL_READINGS_MISSING', meters: 'A-1' },
    })
    expect(
      decideCompletion(
        { ...closure, account: { status: 'closed' } },
        { on: '2028-02-29', newOwner: null },
        '2028-02-29',
      ),
    ).toEqual({ refusal: { code: 'ACCOUNT_ALREADY_CLOSED' } })
  })

  it('passes an account to a new owner only with a name, and a date within the rule across the year end', () => {
    const reRegistration: CompletionFacts = { ...closure, kind: 'reRegistration', meters: [] }
    expect(decideCompletion(reRegistration, { on: '2028-01-01', newOwner: owner }, '2027-12-31')).toEqual({
      effect: 'passToNewOwner',
      owner,
    })
    expect(decideCompletion(reRegistration, { on: '2028-01-01', newOwner: null }, '2027-12-31')).toEqual({
      refusal: { code: 'NEW_OWNER_REQUIRED' },
    })
    expect(
      decideCompletion(
        reRegistration,
        { on: '2028-01-01', newOwner: { ...owner, surname: 'Кравченко2' } },
        '2027-12-31',
      ),
    ).toEqual({ refusal: { code: 'NEW_OWNER_NAME', problem: 'notAName' } })
    expect(decideCompletion(reRegistration, { on: '2027-11-29', newOwner: owner }, '2027-12-31')).toEqual({
      refusal: { code: 'COMPLETION_DATE', problem: 'tooFarBack' },
    })
  })

  it('passes an account on only with a handover reading of every active meter, and never a closed one', () => {
    const reRegistration: CompletionFacts = { ...closure, kind: 'reRegistration' }
    expect(decideCompletion(reRegistration, { on: '2028-02-29', newOwner: owner }, '2028-02-29')).toEqual({
      effect: 'passToNewOwner',
      owner,
    })
    const stale = { ...reRegistration, meters: [{ serial: 'A-1', lastReceivedAt: null }] }
    expect(decideCompletion(stale, { on: '2028-02-29', newOwner: owner }, '2028-02-29')).toEqual({
      refusal: { code: 'FINAL_READINGS_MISSING', meters: 'A-1' },
    })
    expect(
      decideCompletion(
        { ...reRegistration, account: { status: 'closed' } },
        { on: '2028-02-29', newOwner: owner },
        '2028-02-29',
      ),
    ).toEqual({ refusal: { code: 'ACCOUNT_ALREADY_CLOSED' } })
  })

  it('refuses a request already moved on and an account this database does not know', () => {
    expect(
      decideCompletion(
        { ...closure, state: 'completed' },
        { on: '2028-02-29', newOwner: null },
        '2028-02-29',
      ),
    ).toEqual({ refusal: { code: 'REQUEST_ALREADY_MOVED' } })
    expect(
      decideCompletion({ ...closure, account: null }, { on: '2028-02-29', newOwner: null }, '2028-02-29'),
    ).toEqual({ refusal: { code: 'UNKNOWN_ACCOUNT' } })
  })
})

describe('a reading sent through the website', () => {
  const meter = { id: 11, digits: 5, status: 'active' as const, verificationDue: '2030-01-01' }
  const facts = (valueText: string, submittedAt: string): WebReadingFacts => ({
    valueText,
    submittedAt,
    assigned: assignPeriod(new Date(submittedAt)),
    account: { status: 'active', houseType: 'mkd' },
    meter,
    past: meterPast([{ period: '2026-11', valueMilli: 100_000 }], null, 5),
  })

  it('counts for the month up to the 2nd at 23:59 Moscow time, and for the next from the 3rd at 00:00', () => {
    expect(evaluateWebReading(facts('105', '2026-12-02T20:59:00.000Z')).period).toBe('2026-12')
    expect(evaluateWebReading(facts('105', '2026-12-02T21:00:00.000Z')).period).toBe('2027-01')
    expect(evaluateWebReading(facts('105', '2027-12-31T21:00:00.000Z')).period).toBe('2028-01')
  })

  it('goes straight in when clean, and to a person when the checks find an error or a warning', () => {
    const clean = evaluateWebReading(facts('105', '2026-12-02T10:00:00.000Z'))
    expect(decideWebCheck(clean)).toBe('accepted')
    expect(clean.reading).toEqual({ meterId: 11, valueMilli: 105_000, replacedMilli: null })
    const lower = evaluateWebReading(facts('12', '2026-12-02T10:00:00.000Z'))
    expect(decideWebCheck(lower)).toBe('review')
    expect(lower.findings.map((f) => f.code)).toEqual(['lowerThanPrevious'])
    expect(decideWebCheck(evaluateWebReading(facts('абв', '2026-12-02T10:00:00.000Z')))).toBe('review')
    expect(
      evaluateWebReading({ ...facts('105', '2026-12-02T10:00:00.000Z'), meter: null, past: null }).findings,
    ).toEqual([{ code: 'unknownMeter', severity: 'error' }])
  })

  it('a reviewer may accept a warning, never an error, and rejects only with a reason', () => {
    const lower = evaluateWebReading(facts('12', '2026-12-02T10:00:00.000Z'))
    expect(decideWebReview(lower, 'accept', null)).toEqual({
      refusal: 'READING_REFUSED',
      finding: 'lowerThanPrevious',
    })
    expect(decideWebReview(lower, 'reject', '  ')).toEqual({ refusal: 'INVALID_INPUT', fields: 'reason' })
    expect(decideWebReview(lower, 'reject', 'Меньше прошлого')).toEqual({ state: 'rejected' })
    const spike = evaluateWebReading(facts('900', '2026-12-02T10:00:00.000Z'))
    expect(spike.findings.some((f) => f.severity === 'warning')).toBe(true)
    expect(decideWebReview(spike, 'accept', null)).toMatchObject({ state: 'accepted' })
  })
})
