import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { buildTestApp, FIRST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * Passwords on an enrolled console (docs/delivery.md): a password a supervisor
 * set is changed by its owner at the first sign-in, on whichever console; the change is central.
 */
describe('a staff member’s own password, centrally', () => {
  let a: TestApp
  let b: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    a = await buildTestApp({ central: { service: central, consoleName: 'Касса 1' } })
    b = await buildTestApp({ central: { service: central, consoleName: 'Касса 2' } })
  })
  afterAll(async () => {
    await a.dispose()
    await b.dispose()
  })

  const centralRow = async (login: string) =>
    (
      await central.pool.query<{ must_change_password: boolean }>(
        `SELECT must_change_password FROM staff WHERE login = $1`,
        [login],
      )
    ).rows[0]

  it('is changed at the first sign-in on any console, and a reset asks for it again', async () => {
    const created = await a.call(
      'staff.create',
      {
        login: 'petrova',
        fullName: 'Петрова Анна',
        role: 'clerk',
        password: FIRST_PASSWORD,
        passwordRepeat: FIRST_PASSWORD,
      },
      a.supervisorToken,
    )
    expect(await centralRow('petrova')).toEqual({ must_change_password: true })
    const first = await b.call('auth.signIn', { login: 'petrova', password: FIRST_PASSWORD })
    expect(first.mustChangePassword).toBe(true)
    expect(await b.refused('accounts.search', { query: 'Иванов' }, first.token)).toEqual({
      code: 'PASSWORD_CHANGE_REQUIRED',
    })
    await b.call(
      'auth.changeOwnPassword',
      {
        currentPassword: FIRST_PASSWORD,
        password: 'пароль-петровой-2026',
        passwordRepeat: 'пароль-петровой-2026',
      },
      first.token,
    )
    expect(await centralRow('petrova')).toEqual({ must_change_password: false })
    // The service now knows only the new password, on the other console too.
    expect((await a.refused('auth.signIn', { login: 'petrova', password: FIRST_PASSWORD })).code).toBe(
      'INVALID_CREDENTIALS',
    )
    expect(
      (await a.call('auth.signIn', { login: 'petrova', password: 'пароль-петровой-2026' }))
        .mustChangePassword,
    ).toBe(false)
    // Console B keeps a verifier of the new password for offline sign-in: the feed does not undo it.
    await b.app.sync!.syncNow()
    expect(
      b.app.local.sql.prepare(`SELECT password_hash <> '' FROM staff WHERE login = 'petrova'`).pluck().get(),
    ).toBe(1)

    const onA = (await a.call('staff.list', {}, a.supervisorToken)).find((s) => s.login === created.login)!
    await a.call(
      'staff.resetPassword',
      { staffId: onA.id, password: 'снова-выданный-2026', passwordRepeat: 'снова-выданный-2026' },
      a.supervisorToken,
    )
    expect(await centralRow('petrova')).toEqual({ must_change_password: true })
    expect(
      (await b.call('auth.signIn', { login: 'petrova', password: 'снова-выданный-2026' })).mustChangePassword,
    ).toBe(true)
  })

  it('refuses a change of someone else’s password pushed by a console', async () => {
    const client = ownCentralClient(a, { url: central.serviceUrl, caPem: central.caPem })
    try {
      const answer = await client.push([
        {
          commandId: randomUUID(),
          command: 'staff.changeOwnPassword',
          payload: { login: 'chief', passwordHash: 'scrypt$forged' },
          author: 'petrova',
          madeAt: new Date().toISOString(),
          keys: [],
          audit: [],
          proof: null,
          madeAlone: null,
          sessionProof: null,
        },
      ])
      // Without petrova's own proof it is nobody's command (docs/central-service.md#proof-of-person).
      expect(answer.outcomes[0]).toMatchObject({ outcome: 'refused', detail: { code: 'AUTHOR_UNPROVEN' } })
    } finally {
      client.close()
    }
  })

  it('lets a person on a password someone gave do nothing but change it, centrally too', async () => {
    // Petrova signed in on B with the password the supervisor gave her (above): the key made then
    // proves a change of her own password and nothing else, whatever a console sends.
    const client = ownCentralClient(b, { url: central.serviceUrl, caPem: central.caPem })
    try {
      const edit = await pushedCommand(b.app, {
        name: 'accounts.updateContacts',
        payload: { accountId: 1, changes: {} },
        author: 'petrova',
        madeAt: b.clock.now(),
        signedBy: { login: 'petrova', password: 'снова-выданный-2026' },
      })
      const answer = await client.push([edit])
      expect(answer.outcomes[0]).toMatchObject({
        outcome: 'refused',
        detail: { code: 'PASSWORD_CHANGE_REQUIRED' },
      })
    } finally {
      client.close()
    }
  })
})
