import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseReadingValue } from '@shared/domain/reading-value'
import {
  BatchKeystrokes,
  type BatchKey,
  type BatchPorts,
  type RoutedForm,
  type ValueCheck,
} from '../../src-renderer/src/readings/batch-keystrokes'

/** A small city: what the fake core answers about each account (docs/business-rules.md#meter-readings). */
interface FakeMeter {
  id: number
  previousMilli: number
  removed?: boolean
  existing?: boolean
}
const CITY: Record<string, { closed?: boolean; meters: FakeMeter[] }> = {
  '40000001': {
    meters: [
      { id: 11, previousMilli: 100_000 },
      { id: 12, previousMilli: 99_998_000 },
    ],
  },
  '40000002': { meters: [{ id: 21, previousMilli: 50_000 }] },
  '40000003': { closed: true, meters: [{ id: 31, previousMilli: 10_000 }] },
  '40000004': {
    meters: [
      { id: 41, previousMilli: 10_000 },
      { id: 42, previousMilli: 5_000, removed: true },
    ],
  },
  '40000005': { meters: [{ id: 51, previousMilli: 20_000, existing: true }] },
}

function meterOf(form: RoutedForm, meterId: number): FakeMeter | undefined {
  return CITY[form.accountNumber]?.meters.find((m) => m.id === meterId)
}

/** The shared rules in small: a lower value blocks (a roll-over near the dial's top warns instead). */
function check(form: RoutedForm, meterId: number): ValueCheck {
  const meter = meterOf(form, meterId)!
  const text = form.values.find((v) => v.meterId === meterId)?.value ?? ''
  if (!text.trim()) return { kind: 'blank', removed: meter.removed === true }
  if (meter.removed) return { kind: 'refused', code: 'meterRemoved' }
  const parsed = parseReadingValue(text, 5)
  if ('problem' in parsed) return { kind: 'blocked', code: parsed.problem }
  const warnings: string[] = []
  if (parsed.milli < meter.previousMilli) {
    if (meter.previousMilli < 90_000_000) return { kind: 'blocked', code: 'lowerThanPrevious' }
    warnings.push('rollOver')
  }
  if (meter.existing) warnings.push('duplicateForPeriod')
  return { kind: 'ok', warnings, needsReason: meter.existing === true }
}

/**
 * The batch with a core whose answers are held until the test releases them, as a slow or busy
 * main process would hold them; `saved` is what reached the database, in order.
 */
function fakeBatch() {
  const forms: RoutedForm[] = []
  const saved: string[] = []
  const pending: (() => void)[] = []
  const answerLater = <T>(answer: () => T) =>
    new Promise<T>((resolve) => pending.push(() => resolve(answer())))
  const addForm = () => {
    const form: RoutedForm = {
      position: forms.length,
      accountNumber: '',
      values: [],
      state: 'draft',
      problem: null,
    }
    forms.push(form)
    return form
  }
  const ports: BatchPorts = {
    forms: () => forms,
    addForm,
    lookup: (form) =>
      answerLater(() => {
        const account = CITY[form.accountNumber]
        if (!account) return { ok: false, problem: { code: 'UNKNOWN_ACCOUNT' } }
        if (account.closed)
          return { ok: false, problem: { code: 'READING_REFUSED', params: { code: 'accountClosed' } } }
        return { ok: true, meterIds: account.meters.map((m) => m.id) }
      }),
    check,
    save: (form) =>
      answerLater(() => {
        const values = form.values.filter((v) => !v.noValue && v.value.trim())
        saved.push(
          `${form.position}:${form.accountNumber}:${values.map((v) => `${v.meterId}=${v.value}`).join(',')}`,
        )
        return { state: 'saved' as const }
      }),
    keepUnresolved: (form, state, problem) =>
      answerLater(() => {
        saved.push(`${form.position}:${state}:${problem.code}`)
      }),
    changed: () => undefined,
    refuse: () => undefined,
    settled: () => Promise.resolve(),
  }
  addForm()
  const keys = new BatchKeystrokes(ports, { position: 0, field: 'account' })
  const turn = () => new Promise((resolve) => setImmediate(resolve))
  /** Answers everything asked, until the router has handled every key. */
  async function settle() {
    while (keys.busy) {
      pending.splice(0).forEach((answer) => answer())
      await turn()
    }
  }
  const snapshot = () => ({
    saved: [...saved],
    forms: forms.map((f) => ({
      position: f.position,
      accountNumber: f.accountNumber,
      state: f.state,
      problem: f.problem,
      askingBlank: f.askingBlank ?? null,
      values: f.values.map((v) => ({ ...v, noValue: v.noValue ?? false })),
    })),
    cursor: keys.cursor,
  })
  return { keys, pending, settle, turn, snapshot }
}

/** Every key answered before the next is pressed: a clerk typing at 200 ms a key. */
async function typeSlowly(sequence: BatchKey[]) {
  const batch = fakeBatch()
  for (const key of sequence) {
    batch.keys.press(key)
    await batch.settle()
  }
  return batch.snapshot()
}

/** Keys pressed while answers are still out; `releases[i]` answers released after key i (0 = none). */
async function typeFast(sequence: BatchKey[], releases: number[]) {
  const batch = fakeBatch()
  for (const [i, key] of sequence.entries()) {
    batch.keys.press(key)
    for (let n = 0; n < (releases[i] ?? 0); n++) {
      batch.pending.shift()?.()
      await batch.turn()
    }
  }
  await batch.settle()
  return batch.snapshot()
}

const chars = (text: string): BatchKey[] => [...text].map((c) => ({ kind: 'char', text: c }))
const enter: BatchKey = { kind: 'enter', confirm: false }
const confirmEnter: BatchKey = { kind: 'enter', confirm: true }

/** One paper form as a fast clerk types it: the account, Enter, each meter's value and Enter. */
const paperForm = fc
  .tuple(
    fc.constantFrom('40000001', '40000002', '40000003', '40000004', '40000005', '4999999', '400000'),
    fc.array(
      fc.oneof(
        fc.constantFrom('105,5', '100', '99', '2', '51,25', '20,5', '11'),
        fc.constant(''),
        fc.constant('1,2345'),
      ),
      { minLength: 1, maxLength: 2 },
    ),
    fc.boolean(),
  )
  .map(([account, values, confirmWarnings]) => {
    const keys: BatchKey[] = [...chars(account), enter]
    for (const value of values) {
      if (value === '') keys.push(enter, { kind: 'noValue' })
      else keys.push(...chars(value), confirmWarnings ? confirmEnter : enter)
      if (account === '40000005') keys.push(...chars('исправлено'), enter)
    }
    return keys
  })
/** What else a clerk's fingers do: a correction, a set-aside, a stray Enter, a select-all. */
const strayKey = fc.constantFrom<BatchKey>(
  { kind: 'backspace' },
  { kind: 'setAside' },
  enter,
  { kind: 'selectAll' },
  { kind: 'char', text: '7' },
)
const stack = fc
  .array(fc.oneof({ weight: 5, arbitrary: paperForm }, { weight: 1, arbitrary: strayKey.map((k) => [k]) }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.flat())

describe('batch keystrokes: every key goes where typing slowly would put it', () => {
  it('types a closed account, an unknown one, a blank meter and a duplicate the same at any speed', async () => {
    const sequence: BatchKey[] = [
      ...chars('40000003'),
      enter,
      ...chars('05'), // the closed account's value: the next form's keys, never its account number
      enter,
      ...chars('4999999'),
      enter,
      ...chars('40000001'),
      enter,
      enter, // a blank kitchen meter: "не передано?"
      { kind: 'noValue' },
      ...chars('2'),
      confirmEnter, // the bathroom's roll-over, confirmed
      ...chars('40000005'),
      enter,
      ...chars('21'),
      confirmEnter,
      ...chars('абонент исправил'),
      enter,
      ...chars('40000002'),
      enter,
      ...chars('1'), // lower than the previous 50: Enter is held back
      enter,
      { kind: 'setAside' },
      ...chars('40000002'),
      enter,
      ...chars('55'),
      enter,
    ]
    const slow = await typeSlowly(sequence)
    expect(slow.saved).toEqual([
      '0:unresolved:READING_REFUSED',
      '1:unresolved:UNKNOWN_ACCOUNT',
      '2:unresolved:UNKNOWN_ACCOUNT',
      '3:40000001:12=2',
      '4:40000005:51=21',
      '5:setAside:SET_ASIDE',
      '6:40000002:21=55',
    ])
    expect(slow.forms[3]!.values.map((v) => [v.meterId, v.value, v.noValue])).toEqual([
      [11, '', true],
      [12, '2', false],
    ])
    expect(slow.forms[5]).toMatchObject({
      state: 'setAside',
      problem: { code: 'SET_ASIDE', params: { finding: 'lowerThanPrevious' } },
      values: [{ meterId: 21, value: '1' }],
    })
    expect(await typeFast(sequence, [])).toEqual(slow)
  })

  it('takes "-5" typed into a blank meter as a negative reading, refused, never "not passed" and a form "5"', async () => {
    const typed = await typeSlowly([
      ...chars('40000002'),
      enter,
      { kind: 'noValue' }, // "-" typed first, not after Enter's "не передано?"
      ...chars('5'),
      enter, // held back: the check refuses it
    ])
    expect(typed.forms).toHaveLength(1)
    expect(typed.forms[0]).toMatchObject({
      accountNumber: '40000002',
      state: 'draft',
      values: [{ meterId: 21, value: '-5', noValue: false }],
    })
    expect(typed.cursor).toEqual({ position: 0, field: 'value', meterId: 21 })
    expect(typed.saved).toEqual([])
    expect(parseReadingValue('-5', 5)).toEqual({ problem: 'negative' })
  })

  it('takes a lone "-" and Enter as "not passed", as Enter and "-" are', async () => {
    const typed = await typeSlowly([
      ...chars('40000001'),
      enter,
      { kind: 'noValue' },
      enter,
      ...chars('2'),
      confirmEnter,
    ])
    expect(typed.saved).toEqual(['0:40000001:12=2'])
    expect(typed.forms[0]!.values.map((v) => [v.meterId, v.value, v.noValue])).toEqual([
      [11, '', true],
      [12, '2', false],
    ])
  })

  it('keeps a refused account’s row as typed and gives the following keys to the next form', async () => {
    const typed = await typeFast([...chars('4999999'), enter, ...chars('40000081')], [])
    expect(typed.forms.map((f) => [f.accountNumber, f.state])).toEqual([
      ['4999999', 'unresolved'],
      ['40000081', 'draft'],
    ])
  })

  it('any interleaving of key timings and answers gives the rows typing slowly gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        stack,
        fc.array(fc.nat({ max: 3 }), { maxLength: 300 }),
        async (sequence, releases) => {
          expect(await typeFast(sequence, releases)).toEqual(await typeSlowly(sequence))
        },
      ),
      { numRuns: 150 },
    )
  })
})
