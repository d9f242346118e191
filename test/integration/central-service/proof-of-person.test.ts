import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushedCommand } from '@shared/central/api'
import { PasswordHasher } from '../../../src-main/modules/staff/password-hash'
import { anAccount, aMeter } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import {
  addCentralStaff,
  ownCentralClient,
  resetCentral,
  useCentralService,
} from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { buildTestApp, paperForm, settle, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * Proof of person (docs/central-service.md#proof-of-person): someone who holds a console's key and its
 * data folder, but no person's password, pushes commands as a supervisor, a clerk and an operator.
 * Every one is refused with a code, nothing of it reaches the central data, and the central audit
 * trail records it as refused. The cases are the ones a red team got through before.
 */
describe('a command proves its person', () => {
  let console_: TestApp
  let other: TestApp
  let operator: string
  let clerk: string
  let attacker: ReturnType<typeof ownCentralClient>

  const push = async (command: PushedCommand, from = attacker) => {
    const answer = await from.push([command])
    return answer.outcomes[0]!
  }
  const audited = async (commandId: string) =>
    (
      await central.pool.query<{ outcome: string; code: string | null }>(
        `SELECT detail->>'outcome' AS outcome, detail->'refusal'->>'code' AS code FROM central_audit WHERE command_id = $1 ORDER BY seq`,
        [commandId],
      )
    ).rows
  const passwordOf = async (login: string) =>
    (await central.pool.query(`SELECT password_hash FROM staff WHERE login = $1`, [login])).rows[0]
      ?.password_hash as string | undefined
  /** Pushes, expects the refusal `code`, and the audit row of that attempt. */
  const refusedAs = async (command: PushedCommand, code: string, from = attacker) => {
    expect(await push(command, from)).toMatchObject({ outcome: 'refused', detail: { code } })
    expect((await audited(command.commandId)).at(-1)).toEqual({ outcome: 'refused', code })
  }

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    await addCentralStaff(central, { login: 'boss2', fullName: 'Вторая Старшая', role: 'supervisor' })
    // Only an operator and a clerk have signed in on the attacked console, besides its supervisor.
    console_ = await buildTestApp({ central: { service: central } })
    other = await buildTestApp({ central: { service: central } })
    operator = (await console_.staffMember('operator')).login
    clerk = (await console_.staffMember('clerk')).login
    attacker = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    attacker.close()
    await console_.dispose()
    await other.dispose()
  })

  it('refuses staff made, passwords changed and reset in a supervisor’s name without their proof', async () => {
    const chief = await pushedCommand(console_.app, {
      name: 'staff.create',
      payload: { login: 'intruder', fullName: 'Чужой', role: 'supervisor', passwordHash: 'scrypt$x' },
      author: 'chief',
      madeAt: console_.clock.now(),
    })
    await refusedAs(chief, 'AUTHOR_UNPROVEN')
    expect((await central.pool.query(`SELECT 1 FROM staff WHERE login = 'intruder'`)).rowCount).toBe(0)

    const before = await passwordOf('boss2')
    const ownPassword = await pushedCommand(console_.app, {
      name: 'staff.changeOwnPassword',
      payload: { login: 'boss2', passwordHash: await new PasswordHasher(10).hash('чужой-пароль-2026') },
      author: 'boss2',
      madeAt: console_.clock.now(),
    })
    await refusedAs(ownPassword, 'AUTHOR_UNPROVEN')
    expect(await passwordOf('boss2')).toBe(before)

    const cheapHash = await new PasswordHasher(4).hash('x')
    const reset = await pushedCommand(console_.app, {
      name: 'staff.resetPassword',
      payload: { login: clerk, passwordHash: cheapHash },
      author: 'chief',
      madeAt: console_.clock.now(),
    })
    await refusedAs(reset, 'AUTHOR_UNPROVEN')
    expect(await passwordOf(clerk)).not.toBe(cheapHash)
  })

  it('refuses a reading, a request step and a question taken in a clerk’s name, with another person’s key', async () => {
    // The operator's own key, opened with the operator's password, signs work claimed as the clerk's.
    const asClerk = (name: string, payload: unknown) =>
      pushedCommand(console_.app, {
        name,
        payload,
        author: clerk,
        madeAt: console_.clock.now(),
        signedBy: { login: operator },
      })
    await refusedAs(
      await asClerk('readings.record', {
        accountId: 1,
        receivedOn: '2026-11-20',
        receivedAt: '2026-11-20T09:00:00.000Z',
        source: 'paper',
        period: '2026-11',
        late: false,
        readings: [{ meterId: 11, valueMilli: 999_999_999, flags: [], replacedMilli: null }],
      }),
      'AUTHOR_UNPROVEN',
    )
    await refusedAs(
      await asClerk('requests.step', { requestId: 1, to: 'approved', missing: [], reason: null }),
      'AUTHOR_UNPROVEN',
    )
    await refusedAs(await asClerk('claims.take', { entityKey: 'question:1' }), 'AUTHOR_UNPROVEN')
    expect((await central.pool.query(`SELECT 1 FROM readings WHERE meter_id = 11`)).rowCount).toBe(0)
  })

  it('refuses a signed command changed on the way, or pushed by another console', async () => {
    const signed = await pushedCommand(console_.app, {
      name: 'claims.take',
      payload: { entityKey: 'question:7' },
      author: operator,
      madeAt: console_.clock.now(),
      signedBy: { login: operator },
    })
    await refusedAs({ ...signed, payload: { entityKey: 'question:8' } }, 'AUTHOR_UNPROVEN')
    const elsewhere = ownCentralClient(other, { url: central.serviceUrl, caPem: central.caPem })
    try {
      await refusedAs(signed, 'AUTHOR_UNPROVEN', elsewhere)
    } finally {
      elsewhere.close()
    }
    // Exactly as made, from its own console: the operator's own work counts.
    expect(await push(signed)).toEqual({ commandId: signed.commandId, outcome: 'applied' })
  })

  it('refuses staff management signed with a supervisor’s own key but made without their live online session', async () => {
    await addCentralStaff(central, { login: 'boss4', fullName: 'Четвёртая Старшая', role: 'supervisor' })
    await console_.call('auth.signIn', { login: 'boss4', password: TEST_PASSWORD })
    // Someone who knows boss4's key but not her session (an offline sign-in opens only the key).
    const keyOnly = await pushedCommand(console_.app, {
      name: 'staff.create',
      payload: { login: 'keyonly', fullName: 'Ключ Без Сессии', role: 'operator', passwordHash: 'scrypt$x' },
      author: 'boss4',
      madeAt: console_.clock.now(),
      signedBy: { login: 'boss4' },
    })
    await refusedAs(keyOnly, 'ONLINE_SESSION_NEEDED')
    expect((await central.pool.query(`SELECT 1 FROM staff WHERE login = 'keyonly'`)).rowCount).toBe(0)
    // The same, marked by a live session of hers on this console (she signed in through the service):
    // applied.
    const { token: session } = await attacker.signIn('boss4', TEST_PASSWORD)
    const withSession = await pushedCommand(console_.app, {
      name: 'staff.create',
      payload: {
        login: 'withsession',
        fullName: 'С Сессией',
        role: 'operator',
        passwordHash: await new PasswordHasher(10).hash('выданный-пароль-2026'),
      },
      author: 'boss4',
      madeAt: console_.clock.now(),
      signedBy: { login: 'boss4' },
      sessionToken: session,
    })
    expect(await push(withSession)).toMatchObject({ outcome: 'applied' })
    // Signed, in her session, but a hash made at a cost a password can be guessed at: refused.
    const cheap = await pushedCommand(console_.app, {
      name: 'staff.resetPassword',
      payload: { login: 'withsession', passwordHash: await new PasswordHasher(4).hash('x') },
      author: 'boss4',
      madeAt: console_.clock.now(),
      signedBy: { login: 'boss4' },
      sessionToken: session,
    })
    expect(await push(cheap)).toMatchObject({
      outcome: 'refused',
      detail: { code: 'INVALID_INPUT', fields: 'passwordHash' },
    })
    // A password reset ends her sessions everywhere: the same session no longer counts, even for a
    // command dated before the reset, which her key alone would still prove.
    await central.pool.query(`UPDATE staff SET password_hash = 'scrypt$reset' WHERE login = 'boss4'`)
    const afterReset = await pushedCommand(console_.app, {
      name: 'staff.deactivate',
      payload: { login: 'withsession' },
      author: 'boss4',
      madeAt: console_.clock.now(),
      signedBy: { login: 'boss4' },
      sessionToken: session,
    })
    await refusedAs(afterReset, 'ONLINE_SESSION_NEEDED')
    expect(
      (await central.pool.query(`SELECT count(*)::int AS n FROM staff_tokens WHERE login = 'boss4'`)).rows[0]
        .n,
    ).toBe(0)
  })

  it('refuses a person’s own key outside its life: before it was made, ahead of the service, after a deactivation', async () => {
    await addCentralStaff(central, { login: 'boss3', fullName: 'Третья Старшая', role: 'supervisor' })
    await console_.call('auth.signIn', { login: 'boss3', password: TEST_PASSWORD })
    const asBoss3 = (madeAt: Date) =>
      pushedCommand(console_.app, {
        name: 'claims.take',
        payload: { entityKey: `question:${madeAt.getTime()}` },
        author: 'boss3',
        madeAt,
        signedBy: { login: 'boss3' },
      })
    const now = console_.clock.now().getTime()
    await refusedAs(await asBoss3(new Date('2020-01-01T09:00:00Z')), 'MADE_AT_OUT_OF_RANGE')
    await refusedAs(await asBoss3(new Date(now + 3_600_000)), 'MADE_AT_OUT_OF_RANGE')
    const beforeDeactivation = await asBoss3(new Date(now))
    await central.pool.query(`UPDATE staff SET active = false WHERE login = 'boss3'`)
    await refusedAs(await asBoss3(new Date(now + 60_000)), 'PERSON_KEY_REVOKED')
    // Typed before the deactivation and pushed after it: it was theirs to make then.
    expect(await push(beforeDeactivation)).toMatchObject({ outcome: 'applied' })
  })
})

describe('offline work, proven', () => {
  let link: CuttableLink
  let offline: TestApp
  let office: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, number: '40000001' }),
      anAccount({ id: 2, number: '40000002' }),
    ])
    await insertCentralMeters(central.pool, [
      aMeter({ id: 11, accountId: 1 }),
      aMeter({ id: 21, accountId: 2 }),
    ])
    link = await cuttableLink(central.serviceUrl)
    offline = await buildTestApp({ central: { service: central, serviceUrl: link.url } })
    office = await buildTestApp({ central: { service: central } })
    await settle(offline, office)
  })
  afterAll(async () => {
    await offline.dispose()
    await office.dispose()
    await link.close()
  })

  const centralReadings = async (meterId: number) =>
    (await central.pool.query(`SELECT value_milli FROM readings WHERE meter_id = $1`, [meterId])).rows

  it('signs in offline with the key of the last online sign-in, and what was typed arrives once', async () => {
    const clerk = await offline.staffMember('clerk')
    await offline.call('auth.signOut', {}, clerk.token)
    link.cut()
    const signedIn = await offline.call('auth.signIn', { login: clerk.login, password: TEST_PASSWORD })
    await offline.call('readings.record', paperForm('40000001', 11, '12'), signedIn.token)
    link.restore()
    await settle(offline)
    expect(await centralReadings(11)).toEqual([{ value_milli: 12_000 }])
    expect(
      offline.app.local.sql
        .prepare(`SELECT state FROM outbox WHERE command = 'readings.record'`)
        .pluck()
        .all(),
    ).toEqual(['applied'])
  })

  it('refuses, and lists, what was typed offline after the password was reset elsewhere', async () => {
    const clerk = await offline.staffMember('clerk')
    await settle(offline, office)
    await offline.call('auth.signOut', {}, clerk.token)
    link.cut()
    // Meanwhile a supervisor resets the clerk's password on another console.
    const onOffice = (await office.call('staff.list', {}, office.supervisorToken)).find(
      (s) => s.login === clerk.login,
    )!
    await office.call(
      'staff.resetPassword',
      { staffId: onOffice.id, password: 'новый-выданный-2026', passwordRepeat: 'новый-выданный-2026' },
      office.supervisorToken,
    )
    // Two minutes later the clerk, offline, signs in with the old password and types a form.
    offline.clock.advance(120_000)
    central.clock.advance(120_000)
    const signedIn = await offline.call('auth.signIn', { login: clerk.login, password: TEST_PASSWORD })
    await offline.call('readings.record', paperForm('40000002', 21, '7'), signedIn.token)
    link.restore()
    await settle(offline)
    expect(await centralReadings(21)).toEqual([])
    const refusals = await offline.call('sync.refusals', {}, offline.supervisorToken)
    expect(refusals).toContainEqual(
      expect.objectContaining({ command: 'readings.record', code: 'PERSON_KEY_REVOKED' }),
    )
  })

  it('signs with the newest key in every session of a person signed in twice on one console', async () => {
    // The supervisor signs in a second time here (a second window): the first session's key is replaced.
    await offline.call('auth.signIn', { login: 'chief', password: TEST_PASSWORD })
    await offline.call('readings.record', paperForm('40000002', 21, '9'), offline.supervisorToken)
    await settle(offline)
    expect(await centralReadings(21)).toEqual([{ value_milli: 9_000 }])
  })
})
