import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import {
  addCentralStaff,
  CENTRAL_SUPERVISOR,
  resetCentral,
  useCentralService,
} from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'
import { testAuthorities } from '../../support/tls'

const central = useCentralService()

/** What a supervisor types on the settings screen to enrol the console. */
function typedService(
  overrides: Partial<{ url: string; caPem: string | null; login: string; password: string }> = {},
) {
  return {
    url: central.serviceUrl,
    caPem: central.caPem,
    consoleName: 'Абонентский отдел, окно 3',
    login: CENTRAL_SUPERVISOR.login,
    password: TEST_PASSWORD,
    ...overrides,
  }
}

describe('a console enrolled at the central service', () => {
  let app: TestApp

  beforeEach(async () => {
    await resetCentral(central)
    app = await buildTestApp()
  })
  afterEach(async () => {
    await app.dispose()
  })

  it('starts alone: the console works on its local database and says so', async () => {
    const token = app.supervisorToken
    expect(await app.call('sync.connection', {}, token)).toMatchObject({ configured: false })
    expect((await app.call('sync.status', {}, token)).mode).toBe('localOnly')
  })

  it('refuses a service it cannot reach, an untrusted certificate, a wrong password and a non-supervisor, changing nothing', async () => {
    const token = app.supervisorToken
    await addCentralStaff(central, { login: 'clerk-central', fullName: 'Клерк Центральный', role: 'clerk' })
    const port = new URL(central.serviceUrl).port
    const cases = [
      [typedService({ url: 'https://127.0.0.1:1' }), 'CENTRAL_UNREACHABLE'],
      // Another utility's CA, and no CA at all (the system's authorities do not know the test CA).
      [typedService({ caPem: testAuthorities().wrong.caPem }), 'CENTRAL_UNTRUSTED_CERTIFICATE'],
      [typedService({ caPem: null }), 'CENTRAL_UNTRUSTED_CERTIFICATE'],
      [
        typedService({ url: `https://localhost:${port}`, caPem: testAuthorities().wrong.caPem }),
        'CENTRAL_UNTRUSTED_CERTIFICATE',
      ],
      [typedService({ password: 'не-тот-пароль' }), 'CENTRAL_AUTH_FAILED'],
      [typedService({ login: 'clerk-central' }), 'CENTRAL_NOT_SUPERVISOR'],
    ] as const
    for (const [service, code] of cases) {
      const refusal = await app.refused('sync.configure', { service }, token)
      expect(refusal.code, JSON.stringify(service.url)).toBe(code)
    }
    expect(await app.call('sync.connection', {}, token)).toMatchObject({ configured: false })
    expect((await app.call('sync.status', {}, token)).mode).toBe('localOnly')
    const { rows } = await central.pool.query(`SELECT count(*)::int AS n FROM consoles`)
    expect(rows[0].n).toBe(0)
  })

  it('keeps its private key sealed, syncs, reconnects after a restart, and forgets the service on request', async () => {
    const view = await app.call('sync.configure', { service: typedService() }, app.supervisorToken)
    expect(view).toMatchObject({
      configured: true,
      url: central.serviceUrl,
      consoleName: 'Абонентский отдел, окно 3',
      customCa: true,
      enrolledBy: 'chief',
    })
    expect(JSON.stringify(view)).not.toContain(TEST_PASSWORD)
    expect((await app.app.sync!.syncNow()).mode).toBe('online')
    const { rows } = await central.pool.query(`SELECT id, name, public_key FROM consoles`)
    expect(rows).toEqual([
      { id: view.consoleId, name: view.consoleName, public_key: expect.stringContaining('PUBLIC KEY') },
    ])

    // Neither the private key nor the supervisor's password is in the database file in clear.
    app.app.local.sql.pragma('wal_checkpoint(TRUNCATE)')
    const file = readFileSync(join(app.dataDir, 'console.sqlite'))
    expect(file.includes(Buffer.from('PRIVATE KEY'))).toBe(false)
    expect(file.includes(Buffer.from(TEST_PASSWORD))).toBe(false)

    await app.restart()
    expect((await app.app.sync!.syncNow()).mode).toBe('online')

    const token = (await app.call('auth.signIn', { login: 'chief', password: TEST_PASSWORD })).token
    await app.call('sync.configure', { service: null }, token)
    expect(app.app.sync).toBeNull()
    expect((await app.call('sync.status', {}, token)).mode).toBe('localOnly')
  })
})

describe('revoking a console', () => {
  let kept: TestApp
  let stolen: TestApp

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    kept = await buildTestApp({ central: { service: central, consoleName: 'Окно 1' } })
    stolen = await buildTestApp({ central: { service: central, consoleName: 'Ноутбук инспектора' } })
  })
  afterEach(async () => {
    await kept.dispose()
    await stolen.dispose()
  })

  it('lists every console, and a revoked one is refused from then on: pushes, pulls and sign-ins', async () => {
    const listed = await kept.call('sync.consoles', {}, kept.supervisorToken)
    expect(listed.map((c) => [c.name, c.thisConsole, c.revokedAt])).toEqual([
      ['Ноутбук инспектора', false, null],
      ['Окно 1', true, null],
    ])
    const stolenId = listed.find((c) => c.name === 'Ноутбук инспектора')!.id
    const clerk = await stolen.tokenFor('clerk')

    const after = await kept.call('sync.revokeConsole', { consoleId: stolenId }, kept.supervisorToken)
    expect(after.find((c) => c.id === stolenId)).toMatchObject({
      revokedBy: 'chief',
      revokedAt: expect.any(String),
    })

    // The stolen console's queued work is refused, and it says why.
    await stolen.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: '2026-11-02',
        source: 'paper',
        values: [{ meterId: 11, value: '5', confirmed: [] }],
      },
      clerk,
    )
    const status = await stolen.app.sync!.syncNow()
    expect(status).toMatchObject({ mode: 'offline', pendingCommands: 1, problem: { kind: 'consoleRevoked' } })
    const { rows } = await central.pool.query(`SELECT count(*)::int AS n FROM readings`)
    expect(rows[0].n).toBe(0)
    // Nobody signs in through it any more: the service refuses the console itself.
    const signIn = await stolen.refused('auth.signIn', { login: 'chief', password: TEST_PASSWORD })
    expect(signIn.code).toBe('CONSOLE_REVOKED')
    // The other console goes on.
    expect((await kept.app.sync!.syncNow()).mode).toBe('online')
  })

  it('answers the consoles list only to a supervisor proven by their own sign-in on this console', async () => {
    // A session on `kept` carries the token the service gave at sign-in; taken to `stolen`, it is worthless.
    const keptToken = kept.app.sync!.client.consoleId
      ? await kept.app.sync!.client.signIn('chief', TEST_PASSWORD)
      : null
    await expect(stolen.app.sync!.client.listConsoles(keptToken!.token)).rejects.toMatchObject({
      error: { code: 'SIGN_IN_AGAIN' },
    })
    await expect(kept.app.sync!.client.listConsoles('not-a-token-at-all-123456')).rejects.toMatchObject({
      error: { code: 'SIGN_IN_AGAIN' },
    })
    expect((await kept.app.sync!.client.listConsoles(keptToken!.token)).consoles).toHaveLength(2)
  })
})
