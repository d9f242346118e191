import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * A supervisor corrects a name, changes a role, switches an account off and on again
 * (docs/business-rules.md#staff-consoles-and-the-central-service): each change central at once, audited
 * as the row before and after; refused alike by the console and the service when it would change the
 * supervisor's own role or leave no active supervisor.
 */
describe('changing a staff member', () => {
  let console_: TestApp
  let client: ReturnType<typeof ownCentralClient>

  beforeAll(async () => {
    await resetCentral(central)
    console_ = await buildTestApp({ central: { service: central } })
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  const idOf = (login: string) =>
    console_.app.local.sql.prepare(`SELECT id FROM staff WHERE login = ?`).pluck().get(login) as number
  const centralRow = async (login: string) =>
    (await central.pool.query(`SELECT full_name, role, active FROM staff WHERE login = $1`, [login]))
      .rows[0] as { full_name: string; role: string; active: boolean }

  it('renames, promotes, switches off and back on, centrally and audited', async () => {
    const clerk = await console_.staffMember('clerk')
    const staffId = idOf(clerk.login)
    const update = (change: { fullName: string; role: 'clerk' | 'supervisor'; active: boolean }) =>
      console_.call('staff.update', { staffId, ...change }, console_.supervisorToken)

    expect(
      await update({ fullName: 'Кравченко-Белая Мария Олеговна', role: 'clerk', active: true }),
    ).toMatchObject({
      fullName: 'Кравченко-Белая Мария Олеговна',
    })
    expect(await centralRow(clerk.login)).toEqual({
      full_name: 'Кравченко-Белая Мария Олеговна',
      role: 'clerk',
      active: true,
    })
    await update({ fullName: 'Кравченко-Белая Мария Олеговна', role: 'supervisor', active: true })
    expect((await centralRow(clerk.login)).role).toBe('supervisor')
    // A new role takes effect at once: her old session is over.
    expect((await console_.refused('accounts.search', { query: '4000' }, clerk.token)).code).toBe(
      'NOT_SIGNED_IN',
    )
    await update({ fullName: 'Кравченко-Белая Мария Олеговна', role: 'supervisor', active: false })
    expect((await centralRow(clerk.login)).active).toBe(false)
    await update({ fullName: 'Кравченко-Белая Мария Олеговна', role: 'supervisor', active: true })
    expect((await centralRow(clerk.login)).active).toBe(true)
    // She signs in again, centrally, as a supervisor.
    const again = await console_.call('auth.signIn', { login: clerk.login, password: TEST_PASSWORD })
    expect(again.staff.role).toBe('supervisor')

    const audited = console_.app.local.sql
      .prepare(`SELECT before_json, after_json FROM audit_log WHERE command = 'staff.update' ORDER BY id`)
      .all() as { before_json: string; after_json: string }[]
    expect(audited).toHaveLength(4)
    expect(JSON.parse(audited[0]!.before_json)).toMatchObject({ fullName: `Сотрудник ${clerk.login}` })
    expect(JSON.parse(audited[0]!.after_json)).toMatchObject({ fullName: 'Кравченко-Белая Мария Олеговна' })
  })

  it('refuses a supervisor’s own role change on both sides', async () => {
    const chiefId = idOf('chief')
    expect(
      (
        await console_.refused(
          'staff.update',
          { staffId: chiefId, fullName: 'Старшая Смены', role: 'clerk', active: true },
          console_.supervisorToken,
        )
      ).code,
    ).toBe('CANNOT_CHANGE_OWN_ROLE')
    // The same, made by hand and pushed straight to the service under a live session of hers.
    const { token: session } = await client.signIn('chief', TEST_PASSWORD)
    const command = await pushedCommand(console_.app, {
      name: 'staff.update',
      payload: { login: 'chief', fullName: 'Старшая Смены', role: 'clerk', active: true },
      author: 'chief',
      madeAt: console_.clock.now(),
      signedBy: { login: 'chief' },
      sessionToken: session,
    })
    expect((await client.push([command])).outcomes[0]).toMatchObject({
      outcome: 'refused',
      detail: { code: 'CANNOT_CHANGE_OWN_ROLE' },
    })
    expect((await centralRow('chief')).role).toBe('supervisor')
  })
})
