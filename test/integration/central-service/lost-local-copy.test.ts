import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts } from '../../support/central-database'
import { CENTRAL_SUPERVISOR, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * A reset keyring or a Windows password reset (docs/delivery.md): the console's sealed keys no
 * longer open. It starts anyway, says so, and gets its data back from the central service once a
 * supervisor connects it again.
 */
describe('a console whose sealed keys no longer open', () => {
  let console_: TestApp
  const service = () => ({
    url: central.serviceUrl,
    caPem: central.caPem,
    consoleName: 'Касса 3',
    login: CENTRAL_SUPERVISOR.login,
    password: TEST_PASSWORD,
  })
  const accounts = () => console_.app.local.sql.prepare(`SELECT count(*) FROM accounts`).pluck().get()

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(
      central.pool,
      Array.from({ length: 12 }, (_, i) =>
        anAccount({ id: i + 1, number: `4009${String(i).padStart(4, '0')}` }),
      ),
    )
    console_ = await buildTestApp({ central: { service: central } })
    await console_.app.sync!.syncNow()
  })
  afterAll(async () => {
    await console_.dispose()
  })

  it('copies everything back from the central service once a supervisor connects it again', async () => {
    expect(accounts()).toBe(12)
    rmSync(join(console_.dataDir, 'secret.key'))
    await console_.restart()
    const status = await console_.call('auth.status', {})
    expect(status).toMatchObject({ setUp: false, session: null, lostCopy: { reason: 'keyUnreadable' } })
    expect(existsSync(join(console_.dataDir, status.lostCopy!.setAside!))).toBe(true)
    expect(accounts()).toBe(0)
    expect(console_.app.sync).toBeNull()

    await console_.call('sync.enrolNew', { service: service() })
    await console_.app.sync!.syncNow()
    expect(accounts()).toBe(12)
    expect((await console_.call('auth.status', {})).lostCopy).toBeNull()
    await console_.call('auth.signIn', { login: CENTRAL_SUPERVISOR.login, password: TEST_PASSWORD })
  })

  it('works alone when only the enrolment key no longer opens, until a supervisor connects it again', async () => {
    console_.app.local.sql
      .prepare(
        `UPDATE settings SET value = json_set(value, '$.sealedPrivateKey', 'AAAA') WHERE key = 'centralService'`,
      )
      .run()
    await console_.restart()
    expect(console_.app.sync).toBeNull()
    expect((await console_.call('auth.status', {})).lostCopy).toMatchObject({
      reason: 'centralKeyUnreadable',
      setAside: null,
    })
    // The copy itself is whole, and the supervisor (signed in online here before) signs in offline.
    expect(accounts()).toBe(12)
    const offline = await console_.call('auth.signIn', {
      login: CENTRAL_SUPERVISOR.login,
      password: TEST_PASSWORD,
    })
    await console_.call('sync.configure', { service: service() }, offline.token)
    expect(console_.app.sync).not.toBeNull()
    expect((await console_.call('auth.status', {})).lostCopy).toBeNull()
    expect(await console_.app.sync!.syncNow()).toMatchObject({ mode: 'online' })
  })
})
