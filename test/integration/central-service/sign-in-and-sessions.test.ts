import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addCentralStaff, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

describe('central sign-in and sessions on every console', () => {
  let a: TestApp
  let b: TestApp

  beforeEach(async () => {
    await resetCentral(central)
    await addCentralStaff(central, { login: 'sidorova', fullName: 'Сидорова Анна', role: 'clerk' })
    a = await buildTestApp({ central: { service: central, consoleName: 'Консоль А' } })
    b = await buildTestApp({ central: { service: central, consoleName: 'Консоль Б' } })
  })
  afterEach(async () => {
    await a.dispose()
    await b.dispose()
  })

  it('ends a session on console B within seconds of a deactivation on console A', async () => {
    const onB = (await b.call('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).token
    expect(await b.call('sync.status', {}, onB)).toMatchObject({ mode: 'online' })
    await a.app.sync!.syncNow()
    const id = a.app.local.sql
      .prepare(`SELECT id FROM staff WHERE login = 'sidorova'`)
      .pluck()
      .get() as number
    await a.call('staff.deactivate', { staffId: id }, a.supervisorToken)
    // B hears of it over its live connection, by itself: no "sync now" here.
    await vi.waitFor(
      async () => expect(await b.refused('sync.status', {}, onB)).toEqual({ code: 'NOT_SIGNED_IN' }),
      {
        timeout: 10_000,
        interval: 50,
      },
    )
    expect(await b.refused('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).toEqual({
      code: 'STAFF_INACTIVE',
    })
  })

  it('ends the central session at sign-out, not when its twelve hours run out', async () => {
    const live = async () =>
      (await central.pool.query(`SELECT count(*)::int AS n FROM staff_tokens WHERE login = 'sidorova'`))
        .rows[0].n as number
    const onA = (await a.call('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).token
    expect(await live()).toBe(1)
    await a.call('auth.signOut', {}, onA)
    await vi.waitFor(async () => expect(await live()).toBe(0), { timeout: 10_000, interval: 50 })
  })

  it('locks a login after 24 wrong passwords at once on two consoles, and the right one is refused until the lock ends', async () => {
    const attempts = Array.from({ length: 24 }, (_, i) =>
      (i % 2 ? a : b).refused('auth.signIn', { login: 'sidorova', password: `не-тот-пароль-${i}` }),
    )
    const answers = await Promise.all(attempts)
    expect(answers.every((e) => e.code === 'INVALID_CREDENTIALS' || e.code === 'LOGIN_LOCKED')).toBe(true)
    // Only the first five were checked against the hash; the rest were refused before hashing.
    const { rows } = await central.pool.query(
      `SELECT action, count(*)::int AS n FROM central_audit WHERE staff_login = 'sidorova' AND action LIKE 'signIn.%'
      AND at > now() - interval '1 minute' GROUP BY action ORDER BY action`,
    )
    const counted = Object.fromEntries(rows.map((r: { action: string; n: number }) => [r.action, r.n]))
    expect((counted['signIn.failed'] ?? 0) + (counted['signIn.locked'] ?? 0)).toBe(5)
    expect(counted['signIn.refusedLocked']).toBe(19)

    expect(await a.refused('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).toMatchObject({
      code: 'LOGIN_LOCKED',
    })
    // Fifteen minutes later (the central clock moved on): the right password opens it.
    await central.pool.query(`UPDATE staff_lockouts SET locked_until = now() - interval '1 second'`)
    expect((await a.call('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).staff.login).toBe(
      'sidorova',
    )
  })

  it('offline, signs in only those who signed in online on this console within the window', async () => {
    await b.call('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })
    await central.service.close()
    try {
      await b.app.sync!.syncNow()
      // Signed in online here before: the console's own verifier lets her in.
      expect((await b.call('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).staff.login).toBe(
        'sidorova',
      )
      expect(await b.refused('auth.signIn', { login: 'sidorova', password: 'не-тот-пароль' })).toEqual({
        code: 'INVALID_CREDENTIALS',
      })
      // Never signed in on A: A cannot check her password without the service.
      await a.app.sync!.syncNow()
      expect(await a.refused('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).toMatchObject({
        code: 'OFFLINE_SIGN_IN_EXPIRED',
        params: { days: 7 },
      })
      // Eight days later the window has closed on B too.
      b.clock.advance(8 * 86_400_000)
      expect(await b.refused('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).toMatchObject({
        code: 'OFFLINE_SIGN_IN_EXPIRED',
      })
    } finally {
      await central.restartService()
    }
  })

  it('ends every session after twelve hours, however busy', async () => {
    const token = (await a.call('auth.signIn', { login: 'sidorova', password: TEST_PASSWORD })).token
    // Busy all day: a call every ten minutes, never idle long enough to lock.
    for (let step = 0; step < 71; step++) {
      a.clock.advance(10 * 60_000)
      await a.call('auth.touch', {}, token)
    }
    a.clock.advance(10 * 60_000 + 1)
    expect(await a.refused('sync.status', {}, token)).toEqual({ code: 'NOT_SIGNED_IN' })
  })

  it('never gives a console a central password hash', async () => {
    await a.app.sync!.syncNow()
    const hashes = a.app.local.sql
      .prepare(`SELECT login, password_hash FROM staff WHERE login IN ('sidorova', 'chief')`)
      .all() as { login: string; password_hash: string }[]
    const central_ = await central.pool.query<{ login: string; password_hash: string }>(
      `SELECT login, password_hash FROM staff WHERE login IN ('sidorova', 'chief')`,
    )
    for (const row of central_.rows)
      expect(hashes.find((h) => h.login === row.login)?.password_hash).not.toBe(row.password_hash)
    // Sidorova never signed in on A: A holds no verifier for her at all.
    expect(hashes.find((h) => h.login === 'sidorova')?.password_hash).toBe('')
  })
})
