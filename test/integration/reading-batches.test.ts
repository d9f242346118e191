import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app'

describe('paper-form batches', () => {
  let t: TestApp
  let clerk: string
  beforeEach(async () => {
    t = await buildTestApp()
    clerk = await t.tokenFor('clerk')
    insertAccounts(t.app.local.sql, [
      anAccount({ id: 1, number: '40000001' }),
      anAccount({ id: 2, number: '40000002', status: 'closed' }),
    ])
    t.app.local.sql
      .exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 2, 'СВ-2', 'кухня', '2020-01-01', '2030-01-01', 5, 'removed')`)
    t.app.local.sql.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web')`)
  })
  afterEach(() => t.dispose())

  const typed = (position: number, accountNumber: string, value: string) => ({
    position,
    accountNumber,
    values:
      accountNumber === '40000001'
        ? [{ meterId: 1, value, confirmed: [] }]
        : [{ meterId: 2, value, confirmed: [] }],
  })

  it('keeps what was typed across a restart of the console, then saves, leaves unresolved and sums up', async () => {
    const batch = await t.call('readings.openBatch', { receivedOn: '2026-11-02' }, clerk)
    await t.call('readings.saveDraft', { batchId: batch.id, ...typed(0, '40000001', '104,5') }, clerk)
    await t.call('readings.saveDraft', { batchId: batch.id, ...typed(1, '4999', '') }, clerk)

    // The console dies and starts again on the same database: the batch is where it was.
    await t.restart()
    clerk = (await t.call('auth.signIn', { login: 'clerk1', password: TEST_PASSWORD })).token
    const reopened = await t.call('readings.currentBatch', {}, clerk)
    expect(reopened?.forms.map((f) => [f.position, f.accountNumber, f.values[0]?.value, f.state])).toEqual([
      [0, '40000001', '104,5', 'draft'],
      [1, '4999', '', 'draft'],
    ])

    const first = await t.call(
      'readings.submitForm',
      { batchId: batch.id, ...typed(0, '40000001', '104,5') },
      clerk,
    )
    expect(first).toMatchObject({ period: '2026-11', late: false, form: { state: 'saved' } })
    const unknown = await t.call(
      'readings.submitForm',
      { batchId: batch.id, ...typed(1, '49999999', '5') },
      clerk,
    )
    expect(unknown.form).toMatchObject({
      state: 'unresolved',
      problem: { code: 'UNKNOWN_ACCOUNT' },
      accountNumber: '49999999',
    })
    const closed = await t.call(
      'readings.submitForm',
      { batchId: batch.id, ...typed(2, '40000002', '5') },
      clerk,
    )
    expect(closed.form).toMatchObject({ state: 'unresolved', problem: { code: 'READING_REFUSED' } })

    // A warning not yet confirmed is not "unresolved": the form stays a draft and the clerk is told.
    expect(
      await t.refused('readings.submitForm', { batchId: batch.id, ...typed(3, '40000001', '500') }, clerk),
    ).toMatchObject({
      code: 'READING_NEEDS_CONFIRMATION',
    })

    const summary = await t.call('readings.finishBatch', { batchId: batch.id }, clerk)
    expect(summary).toMatchObject({
      forms: 3,
      readingsAccepted: 1,
      warningsConfirmed: 0,
      unresolved: 2,
      finishedBy: 'Сотрудник clerk1',
    })
    expect(
      await t.refused('readings.saveDraft', { batchId: batch.id, ...typed(5, '40000001', '1') }, clerk),
    ).toEqual({
      code: 'BATCH_FINISHED',
    })
    expect(await t.call('readings.currentBatch', {}, clerk)).toBeNull()
    const stored = t.app.local.sql
      .prepare(`SELECT value_milli FROM readings WHERE meter_id = 1 AND period = '2026-11'`)
      .get()
    expect(stored).toEqual({ value_milli: 104_500 })
  })

  it('is for clerks and supervisors: an operator may not open a batch', async () => {
    const operator = await t.tokenFor('operator')
    expect(await t.refused('readings.openBatch', { receivedOn: '2026-11-02' }, operator)).toEqual({
      code: 'FORBIDDEN',
    })
  })

  it('belongs to its clerk: another clerk may not type into, submit in or finish it; a supervisor takes it over, audited', async () => {
    const batch = await t.call('readings.openBatch', { receivedOn: '2026-11-02' }, clerk)
    await t.call('readings.saveDraft', { batchId: batch.id, ...typed(0, '40000001', '104,5') }, clerk)
    const other = await t.tokenFor('clerk')
    const notYours = { code: 'BATCH_NOT_YOURS', params: { owner: 'Сотрудник clerk1' } }
    expect(
      await t.refused('readings.saveDraft', { batchId: batch.id, ...typed(0, '40000001', '1') }, other),
    ).toEqual(notYours)
    expect(
      await t.refused('readings.submitForm', { batchId: batch.id, ...typed(1, '40000001', '105') }, other),
    ).toEqual(notYours)
    expect(await t.refused('readings.finishBatch', { batchId: batch.id }, other)).toEqual(notYours)
    expect(await t.refused('readings.openBatches', {}, other)).toEqual({ code: 'FORBIDDEN' })

    const supervisor = await t.tokenFor('supervisor')
    expect(await t.call('readings.openBatches', {}, supervisor)).toMatchObject([
      { id: batch.id, owner: 'Сотрудник clerk1', receivedOn: '2026-11-02', forms: 1 },
    ])
    const taken = await t.call('readings.takeOverBatch', { batchId: batch.id }, supervisor)
    expect(taken.forms.map((f) => [f.accountNumber, f.values[0]?.value])).toEqual([['40000001', '104,5']])
    expect(await t.call('readings.currentBatch', {}, supervisor)).toMatchObject({ id: batch.id })
    expect(await t.call('readings.currentBatch', {}, clerk)).toBeNull()
    expect(
      await t.refused('readings.saveDraft', { batchId: batch.id, ...typed(0, '40000001', '1') }, clerk),
    ).toMatchObject({ code: 'BATCH_NOT_YOURS' })
    const audit = t.app.local.sql
      .prepare(
        `SELECT before_json AS before, after_json AS after FROM audit_log WHERE command = 'readings.takeOverBatch'`,
      )
      .all()
    expect(audit).toEqual([
      { before: '{"owner":"clerk1"}', after: expect.stringMatching(/"owner":"supervisor\d+"/) },
    ])
    // A supervisor with a batch of their own finishes it first.
    const second = await t.call('readings.openBatch', { receivedOn: '2026-11-02' }, other)
    expect(await t.refused('readings.takeOverBatch', { batchId: second.id }, supervisor)).toEqual({
      code: 'OWN_BATCH_OPEN',
    })
  })

  it('saves the meters passed and not the blank ones, sets a form aside, and finishing counts every form as the clerk chose', async () => {
    t.app.local.sql
      .exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (3, 1, 'СВ-3', 'ванная', '2020-01-01', '2030-01-01', 5, 'active')`)
    const batch = await t.call('readings.openBatch', { receivedOn: '2026-11-02' }, clerk)
    const form = (position: number, values: { meterId: number; value: string; noValue?: boolean }[]) => ({
      batchId: batch.id,
      position,
      accountNumber: '40000001',
      values: values.map((v) => ({ confirmed: [], ...v })),
    })
    // A two-meter form with the bathroom left blank: the kitchen is saved, the blank is never a zero.
    const first = await t.call(
      'readings.submitForm',
      form(0, [
        { meterId: 1, value: '104,5' },
        { meterId: 3, value: '', noValue: true },
      ]),
      clerk,
    )
    expect(first.form).toMatchObject({ state: 'saved' })
    expect(
      t.app.local.sql.prepare(`SELECT meter_id, value_milli FROM readings WHERE period = '2026-11'`).all(),
    ).toEqual([{ meter_id: 1, value_milli: 104_500 }])
    // Every meter blank: dealt with, nothing recorded.
    const nothing = await t.call(
      'readings.submitForm',
      form(1, [
        { meterId: 1, value: '', noValue: true },
        { meterId: 3, value: '', noValue: true },
      ]),
      clerk,
    )
    expect(nothing.form).toMatchObject({ state: 'saved' })
    // A genuinely lower reading, set aside with what held it back.
    const aside = await t.call(
      'readings.setAside',
      { ...form(2, [{ meterId: 1, value: '1' }]), finding: 'lowerThanPrevious' },
      clerk,
    )
    expect(aside.form).toMatchObject({
      state: 'setAside',
      problem: { code: 'SET_ASIDE', params: { finding: 'lowerThanPrevious' } },
      values: [{ meterId: 1, value: '1' }],
    })
    await t.call('readings.submitForm', { ...form(3, []), accountNumber: '49999999' }, clerk)
    await t.call('readings.saveDraft', form(4, [{ meterId: 1, value: '10' }]), clerk)

    const summary = await t.call(
      'readings.finishBatch',
      { batchId: batch.id, drafts: 'discard', unresolved: 'keep' },
      clerk,
    )
    expect(summary).toMatchObject({
      forms: 5,
      saved: 2,
      readingsAccepted: 1,
      notPassed: 3,
      unresolved: 1,
      setAside: 1,
      discarded: 1,
    })
    expect(
      t.app.local.sql.prepare(`SELECT count(*) FROM readings WHERE period = '2026-11'`).pluck().get(),
    ).toBe(1)
  })

  it('an operator may not record a paper form (its stamp date would choose the period); a phone reading, yes', async () => {
    const operator = await t.tokenFor('operator')
    const form = {
      accountNumber: '40000001',
      receivedOn: '2026-09-01',
      values: [{ meterId: 1, value: '104,5', confirmed: [] }],
    }
    expect(await t.refused('readings.record', { ...form, source: 'paper' }, operator)).toEqual({
      code: 'PAPER_ONLY_CLERKS',
    })
    expect(
      t.app.local.sql.prepare(`SELECT count(*) FROM readings WHERE source = 'paper'`).pluck().get(),
    ).toBe(0)
    await expect(t.call('readings.record', { ...form, source: 'phone' }, operator)).resolves.toMatchObject({
      saved: [{ meterId: 1 }],
    })
  })

  it('lists the forms a finished batch kept unresolved, and takes one back into work with its stamp', async () => {
    const batch = await t.call('readings.openBatch', { receivedOn: '2026-11-02' }, clerk)
    await t.call('readings.submitForm', { batchId: batch.id, ...typed(0, '40000001', '104,5') }, clerk)
    await t.call('readings.submitForm', { batchId: batch.id, ...typed(1, '49999999', '5') }, clerk)
    await t.call(
      'readings.setAside',
      { batchId: batch.id, ...typed(2, '40000001', '99'), finding: 'lowerThanPrevious' },
      clerk,
    )
    await t.call('readings.finishBatch', { batchId: batch.id, unresolved: 'keep' }, clerk)

    // The clerk's own kept forms, with why; another clerk sees none of them, a supervisor all.
    const kept = await t.call('readings.unresolvedForms', {}, clerk)
    expect(kept.map((f) => [f.accountNumber, f.state, f.problem?.code, f.receivedOn])).toEqual([
      ['49999999', 'unresolved', 'UNKNOWN_ACCOUNT', '2026-11-02'],
      ['40000001', 'setAside', 'SET_ASIDE', '2026-11-02'],
    ])
    const other = await t.staffMember('clerk')
    expect(await t.call('readings.unresolvedForms', {}, other.token)).toEqual([])
    expect(await t.call('readings.unresolvedForms', {}, t.supervisorToken)).toHaveLength(2)
    expect(
      (await t.refused('readings.takeUnresolvedForm', { batchId: batch.id, position: 1 }, other.token)).code,
    ).toBe('FORBIDDEN')

    // Taken back: into a new batch with the same stamp, as typed, still unresolved there to put right.
    const taken = await t.call('readings.takeUnresolvedForm', { batchId: batch.id, position: 1 }, clerk)
    expect(taken.id).not.toBe(batch.id)
    expect(taken.receivedOn).toBe('2026-11-02')
    expect(taken.forms.map((f) => [f.position, f.accountNumber, f.state, f.values[0]?.value])).toEqual([
      [0, '49999999', 'unresolved', '5'],
    ])
    expect((await t.call('readings.unresolvedForms', {}, clerk)).map((f) => f.accountNumber)).toEqual([
      '40000001',
    ])
    // The next one joins the same open batch; a batch open with another stamp must be finished first.
    const again = await t.call('readings.takeUnresolvedForm', { batchId: batch.id, position: 2 }, clerk)
    expect(again.id).toBe(taken.id)
    expect(again.forms.map((f) => f.position)).toEqual([0, 1])
    // Corrected there, it is saved like any other form.
    // (The account's meter was read on the first form: this one replaces it, with a reason.)
    const saved = await t.call(
      'readings.submitForm',
      {
        batchId: taken.id,
        position: 0,
        accountNumber: '40000001',
        values: [
          { meterId: 1, value: '105', confirmed: ['duplicateForPeriod'], replaceReason: 'второй бланк' },
        ],
      },
      clerk,
    )
    expect(saved.form.state).toBe('saved')
    const audit = t.app.local.sql
      .prepare(`SELECT count(*) FROM audit_log WHERE command = 'readings.takeUnresolvedForm'`)
      .pluck()
      .get()
    expect(audit).toBe(2)
  })

  it('will not mix stamps: a form is taken only into an open batch with its own stamp', async () => {
    const first = await t.call('readings.openBatch', { receivedOn: '2026-11-02' }, clerk)
    await t.call('readings.submitForm', { batchId: first.id, ...typed(0, '49999999', '5') }, clerk)
    await t.call('readings.finishBatch', { batchId: first.id, unresolved: 'keep' }, clerk)
    await t.call('readings.openBatch', { receivedOn: '2026-11-05' }, clerk)
    expect(
      (await t.refused('readings.takeUnresolvedForm', { batchId: first.id, position: 0 }, clerk)).code,
    ).toBe('OWN_BATCH_OPEN')
  })
})
