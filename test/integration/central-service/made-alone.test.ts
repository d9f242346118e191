import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { moscowDate } from '@shared/domain/moscow-time'
import { anAccount, aMeter, insertAccounts, insertMeters } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { CENTRAL_SUPERVISOR, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * A console set up alone, whose first supervisor took the central supervisor's login, made its own
 * clerk and operator, who worked; then it is enrolled (docs/central-service.md#work-made-before-enrolment).
 * Its people are not central people: nothing they did goes up under anyone's name until the approving
 * supervisor accepts it, and their staff changes never go up.
 */
describe('work made while the console worked alone', () => {
  let alone: TestApp
  let clerk: { login: string; token: string }
  let operator: { login: string; token: string }
  let centralStaffBefore: unknown[]

  const centralStaff = async () =>
    (
      await central.pool.query(
        `SELECT login, full_name, role, active, password_hash FROM staff ORDER BY login`,
      )
    ).rows

  beforeEach(async () => {
    await resetCentral(central)
    const account = anAccount({ id: 1, number: '40000001', phone: '+7 978 000-00-01' })
    const meters = [aMeter({ id: 11, accountId: 1 }), aMeter({ id: 12, accountId: 1 })]
    await insertCentralAccounts(central.pool, [account])
    await insertCentralMeters(central.pool, meters)
    alone = await buildTestApp()
    insertAccounts(alone.app.local.sql, [account])
    insertMeters(alone.app.local.sql, meters)
    clerk = await alone.staffMember('clerk')
    operator = await alone.staffMember('operator')
    const today = moscowDate(alone.clock.now())
    await alone.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: today,
        source: 'paper',
        values: [{ meterId: 11, value: '12' }],
      },
      clerk.token,
    )
    await alone.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: today,
        source: 'phone',
        values: [{ meterId: 12, value: '13' }],
      },
      operator.token,
    )
    centralStaffBefore = await centralStaff()
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
    await alone.app.sync!.syncNow()
  })
  afterEach(async () => {
    await alone.dispose()
  })

  const waiting = () => alone.call('sync.madeAlone', {}, alone.supervisorToken)
  const centralReadings = async () =>
    (
      await central.pool.query(
        `SELECT period, value_milli::int AS v, entered_by FROM readings ORDER BY period`,
      )
    ).rows

  it('sets the work aside: nothing goes up, no central staff row changes, staff changes are dropped', async () => {
    const items = await waiting()
    expect(items.map((item) => [item.command, item.madeBy])).toEqual([
      ['readings.record', `Сотрудник ${clerk.login}`],
      ['readings.record', `Сотрудник ${operator.login}`],
    ])
    expect(items[0]!.lines[0]).toMatchObject({ action: expect.stringContaining('ввёл показания') })
    expect(await centralStaff()).toEqual(centralStaffBefore)
    expect(await centralReadings()).toEqual([])
    const queued = alone.app.local.sql
      .prepare(`SELECT command FROM outbox WHERE state = 'pending'`)
      .pluck()
      .all()
    expect(queued).toEqual([])
    expect(await alone.call('sync.refusals', {}, alone.supervisorToken)).toEqual([])
  })

  it('an accepted item goes up as the supervisor’s, and the central audit says whose work it was', async () => {
    const [clerksForm] = await waiting()
    expect(
      await alone.call(
        'sync.acceptMadeAlone',
        { commandIds: [clerksForm!.commandId] },
        alone.supervisorToken,
      ),
    ).toEqual({ accepted: 1 })
    await alone.app.sync!.syncNow()
    const readings = await centralReadings()
    expect(readings).toHaveLength(1)
    expect(readings[0]).toMatchObject({ v: 12_000, entered_by: CENTRAL_SUPERVISOR.login })
    const { rows } = await central.pool.query<{ staff_login: string; detail: { madeAlone?: unknown } }>(
      `SELECT staff_login, detail FROM central_audit WHERE command_id = $1`,
      [clerksForm!.commandId],
    )
    expect(rows).toEqual([
      expect.objectContaining({
        staff_login: CENTRAL_SUPERVISOR.login,
        detail: expect.objectContaining({
          outcome: 'applied',
          madeAlone: { login: clerk.login, fullName: `Сотрудник ${clerk.login}`, madeAt: expect.any(String) },
        }),
      }),
    ])
    expect((await waiting()).map((item) => item.madeBy)).toEqual([`Сотрудник ${operator.login}`])
    expect(await centralStaff()).toEqual(centralStaffBefore)
  })

  it('a discarded item never goes up, and the Журнал keeps that it was discarded', async () => {
    const items = await waiting()
    expect(
      await alone.call(
        'sync.discardMadeAlone',
        { commandIds: items.map((i) => i.commandId) },
        alone.supervisorToken,
      ),
    ).toEqual({ discarded: 2 })
    await alone.app.sync!.syncNow()
    expect(await waiting()).toEqual([])
    expect(await centralReadings()).toEqual([])
    const journal = alone.app.local.sql
      .prepare(`SELECT count(*) FROM audit_log WHERE command = 'sync.discardMadeAlone'`)
      .pluck()
      .get()
    expect(journal).toBe(2)
  })

  it('refuses accepting from a supervisor not signed in through the service, and an item no longer there', async () => {
    const [first] = await waiting()
    await alone.call('auth.signOut', {}, alone.supervisorToken)
    const offline = await alone.call('auth.signIn', {
      login: CENTRAL_SUPERVISOR.login,
      password: TEST_PASSWORD,
    })
    // Signed in again while the service answers: online, so allowed; the item then goes.
    expect(
      await alone.call('sync.acceptMadeAlone', { commandIds: [first!.commandId] }, offline.token),
    ).toEqual({
      accepted: 1,
    })
    expect(
      (await alone.refused('sync.acceptMadeAlone', { commandIds: [first!.commandId] }, offline.token)).code,
    ).toBe('MADE_ALONE_NOT_FOUND')
    expect((await alone.refused('sync.madeAlone', {}, clerk.token)).code).toBe('FORBIDDEN')
  })
})
