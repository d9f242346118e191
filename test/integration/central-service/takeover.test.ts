import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addCentralStaff,
  CENTRAL_SUPERVISOR,
  resetCentral,
  useCentralService,
} from '../../support/central-service'
import { queueAs } from '../../support/person-proof'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

async function centralStaff(login: string) {
  const { rows } = await central.pool.query(
    `SELECT login, full_name, role, password_hash FROM staff WHERE login = $1`,
    [login],
  )
  return rows[0] as { login: string; full_name: string; role: string; password_hash: string } | undefined
}

describe('staff are central: a console cannot take a login over', () => {
  let console_: TestApp

  beforeEach(async () => {
    await resetCentral(central)
    await addCentralStaff(central, { login: 'petrova', fullName: 'Петрова Ольга', role: 'operator' })
    console_ = await buildTestApp({ central: { service: central } })
  })
  afterEach(async () => {
    await console_.dispose()
  })

  it('refuses to create a login that exists centrally, and the central person stays as they were', async () => {
    const before = await centralStaff('petrova')
    const refusal = await console_.refused(
      'staff.create',
      {
        login: 'petrova',
        fullName: 'Захватчик',
        role: 'supervisor',
        password: 'другой-пароль-1',
        passwordRepeat: 'другой-пароль-1',
      },
      console_.supervisorToken,
    )
    expect(refusal).toMatchObject({ code: 'LOGIN_TAKEN', params: { login: 'petrova' } })
    expect(await centralStaff('petrova')).toEqual(before)
    // The real Петрова still signs in with her own password, as an operator.
    const signedIn = await console_.call('auth.signIn', { login: 'petrova', password: TEST_PASSWORD })
    expect(signedIn.staff).toMatchObject({ login: 'petrova', role: 'operator', fullName: 'Петрова Ольга' })
  })

  it('never moves a console’s own first-run supervisor into the central staff', async () => {
    // A console set up alone, whose first supervisor reuses the central supervisor's login.
    const alone = await buildTestApp()
    try {
      await alone.call(
        'sync.configure',
        {
          service: {
            url: central.serviceUrl,
            caPem: central.caPem,
            consoleName: 'Консоль, работавшая отдельно',
            login: CENTRAL_SUPERVISOR.login,
            password: TEST_PASSWORD,
          },
        },
        alone.supervisorToken,
      )
      const before = await centralStaff('chief')
      await alone.app.sync!.syncNow()
      expect(await centralStaff('chief')).toEqual(before)
      // Staff management made alone is dropped at enrolment: it never goes up, nor waits for approval
      // (docs/central-service.md#work-made-before-enrolment).
      const queued = alone.app.local.sql.prepare(`SELECT command FROM outbox`).pluck().all()
      expect(queued).not.toContain('auth.setupFirstSupervisor')
      expect(await alone.call('sync.madeAlone', {}, alone.supervisorToken)).toEqual([])
      // Nor can a new first supervisor be made on a connected console.
      expect(console_.app.sync).not.toBeNull()
    } finally {
      await alone.dispose()
    }
  })

  it('refuses a command whose author’s central role does not allow it, whatever the console queued', async () => {
    const operator = await console_.staffMember('operator')
    // The operator themself, on a tampered console, signs a supervisors-only command with their key.
    await queueAs(console_.app, operator.login, {
      name: 'staff.create',
      payload: { login: 'intruder', fullName: 'Чужой', role: 'supervisor', passwordHash: 'scrypt$x' },
      madeAt: console_.clock.now(),
      proof: 'own',
    })
    await console_.app.sync!.syncNow()
    expect(await centralStaff('intruder')).toBeUndefined()
    const refusals = await console_.call('sync.refusals', {}, console_.supervisorToken)
    expect(refusals).toContainEqual(expect.objectContaining({ command: 'staff.create', code: 'FORBIDDEN' }))
  })

  it('judges a command by its author’s standing when it was made: typed before a deactivation it counts', async () => {
    const operator = await console_.staffMember('operator')
    const queueClaim = (entityKey: string, madeAt: Date) =>
      queueAs(console_.app, operator.login, {
        name: 'claims.take',
        payload: { entityKey },
        madeAt,
        proof: 'own',
      })
    // Typed offline a minute ago; the supervisors deactivated the operator centrally since (which
    // also revoked their key: what it signs from then on is refused).
    await queueClaim('registration:1', new Date(console_.clock.now().getTime() - 60_000))
    await central.pool.query(`UPDATE staff SET active = false WHERE login = $1`, [operator.login])
    // And a command stamped after the deactivation: no longer theirs to make.
    console_.clock.advance(60_000)
    await queueClaim('registration:2', console_.clock.now())
    await console_.app.sync!.syncNow()
    const { rows } = await central.pool.query<{ entity_key: string }>(
      `SELECT entity_key FROM claims WHERE staff_login = $1`,
      [operator.login],
    )
    expect(rows.map((r) => r.entity_key)).toEqual(['registration:1'])
    const refusals = await console_.call('sync.refusals', {}, console_.supervisorToken)
    expect(refusals).toContainEqual(
      expect.objectContaining({ command: 'claims.take', code: 'PERSON_KEY_REVOKED' }),
    )
  })

  it('refuses a payload that breaks the command contract, with the fields named', async () => {
    await queueAs(console_.app, 'chief', {
      name: 'readings.override',
      payload: { meterId: -1, period: 'когда-нибудь', reason: '' },
      madeAt: console_.clock.now(),
      proof: 'own',
    })
    await console_.app.sync!.syncNow()
    const refusals = await console_.call('sync.refusals', {}, console_.supervisorToken)
    expect(refusals).toContainEqual(
      expect.objectContaining({
        command: 'readings.override',
        code: 'INVALID_INPUT',
        params: { fields: 'meterId,period,reason' },
      }),
    )
  })

  it('makes staff changes only while the service answers', async () => {
    await central.service.close()
    try {
      await console_.app.sync!.syncNow()
      const refusal = await console_.refused(
        'staff.create',
        {
          login: 'novikov',
          fullName: 'Новиков Пётр',
          role: 'clerk',
          password: 'пароль-новикова',
          passwordRepeat: 'пароль-новикова',
        },
        console_.supervisorToken,
      )
      expect(refusal.code).toBe('CENTRAL_SERVICE_NEEDED')
      expect(
        console_.app.local.sql.prepare(`SELECT count(*) FROM staff WHERE login = 'novikov'`).pluck().get(),
      ).toBe(0)
    } finally {
      await central.restartService()
    }
  })
})
