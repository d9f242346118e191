import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, tableCounts, TEST_PASSWORD, type TestApp } from '../support/test-app'

describe('the router, the single door', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.dispose())

  const newClerk = {
    login: 'clerk9',
    fullName: 'Новый Клерк',
    role: 'clerk',
    password: TEST_PASSWORD,
    passwordRepeat: TEST_PASSWORD,
  }

  it('refuses an unknown channel with UNKNOWN_CHANNEL and changes nothing', async () => {
    const before = tableCounts(t.app)
    expect(await t.refused('staff.drop', {}, t.supervisorToken)).toEqual({
      code: 'UNKNOWN_CHANNEL',
      params: { channel: 'staff.drop' },
    })
    expect(await t.refused('__proto__', {}, t.supervisorToken)).toMatchObject({ code: 'UNKNOWN_CHANNEL' })
    expect(tableCounts(t.app)).toEqual(before)
  })

  it('refuses a malformed payload with INVALID_INPUT naming the fields, and changes nothing', async () => {
    const before = tableCounts(t.app)
    const error = await t.refused(
      'staff.create',
      { ...newClerk, role: 'admin', login: 'x' },
      t.supervisorToken,
    )
    expect(error.code).toBe('INVALID_INPUT')
    expect(String(error.params?.fields).split(',').sort()).toEqual(['login', 'role'])
    expect(await t.refused('staff.create', 'not an object', t.supervisorToken)).toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(tableCounts(t.app)).toEqual(before)
  })

  it('takes every typed text in NFC, however the keyboard composed its letters', async () => {
    // "Йосифов Йордан" with each "Й" typed as "И" + a combining breve (U+0306).
    const decomposed = 'Йосифов Йордан'.normalize('NFD')
    expect(decomposed).not.toBe('Йосифов Йордан')
    const created = await t.call(
      'staff.create',
      { ...newClerk, role: 'clerk' as const, login: 'iosifov', fullName: decomposed },
      t.supervisorToken,
    )
    expect(created.fullName).toBe('Йосифов Йордан')
    expect(t.app.local.sql.prepare(`SELECT full_name FROM staff WHERE login = 'iosifov'`).pluck().get()).toBe(
      'Йосифов Йордан',
    )
  })

  it('refuses a call without a session with NOT_SIGNED_IN, before looking at the payload', async () => {
    const before = tableCounts(t.app)
    expect(await t.refused('staff.create', newClerk, null)).toEqual({ code: 'NOT_SIGNED_IN' })
    expect(await t.refused('staff.create', { nonsense: true }, 'forged-token')).toEqual({
      code: 'NOT_SIGNED_IN',
    })
    expect(tableCounts(t.app)).toEqual(before)
  })

  it('refuses a role that may not call the channel with FORBIDDEN, whatever the UI shows', async () => {
    const operator = await t.tokenFor('operator')
    const before = tableCounts(t.app)
    expect(await t.refused('staff.create', newClerk, operator)).toEqual({ code: 'FORBIDDEN' })
    expect(await t.refused('staff.list', {}, operator)).toEqual({ code: 'FORBIDDEN' })
    expect(await t.refused('audit.list', {}, operator)).toEqual({ code: 'FORBIDDEN' })
    expect(tableCounts(t.app)).toEqual(before)
  })

  it('turns an unexpected failure into INTERNAL without leaking its message', async () => {
    t.app.local.sql.exec('ALTER TABLE staff RENAME TO staff_gone')
    const result = await t.app.router.invoke({ channel: 'staff.list', payload: {}, token: t.supervisorToken })
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } })
    expect(t.logged[0]).toContain('staff.list')
  })

  it('answers a well-formed, authorised call with its data', async () => {
    const created = await t.call('staff.create', { ...newClerk, role: 'clerk' }, t.supervisorToken)
    expect(created).toMatchObject({ login: 'clerk9', role: 'clerk', active: true })
    expect(Object.keys(created)).not.toContain('passwordHash')
  })
})
