import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { verifyAudit } from '../../../src-central/audit/verify-audit'
import { startCentralService, type CentralService } from '../../../src-central/server'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, type TestApp } from '../../support/test-app'
import { testAuthorities } from '../../support/tls'

const central = useCentralService()

const form = (n: number, value: string) => ({
  accountNumber: String(40_000_000 + n),
  receivedOn: '2026-11-02',
  source: 'paper' as const,
  values: [{ meterId: n, value, confirmed: [] }],
})

describe('two service instances on one central database', () => {
  let second: CentralService
  let a: TestApp
  let b: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    const ids = Array.from({ length: 60 }, (_, i) => i + 1)
    await insertCentralAccounts(
      central.pool,
      ids.map((id) => anAccount({ id, number: String(40_000_000 + id) })),
    )
    await insertCentralMeters(
      central.pool,
      ids.map((id) => aMeter({ id, accountId: id })),
    )
    const { right } = testAuthorities()
    second = await startCentralService({
      databaseUrl: central.url,
      tls: { cert: right.cert, key: right.key },
      passwordHashLogN: 10,
    })
    a = await buildTestApp({ central: { service: central, consoleName: 'Через первую службу' } })
    b = await buildTestApp({
      central: { service: central, serviceUrl: second.url, consoleName: 'Через вторую службу' },
    })
  })
  afterAll(async () => {
    await a.dispose()
    await b.dispose()
    await second.close()
  })

  it('serve consoles at once: work pushed through one reaches the console on the other by itself', async () => {
    const clerkA = await a.tokenFor('clerk')
    const supervisorB = b.supervisorToken
    // Both consoles push at once, through different instances.
    await Promise.all([
      (async () => {
        for (let n = 1; n <= 30; n++) await a.call('readings.record', form(n, '12'), clerkA)
      })(),
      (async () => {
        for (let n = 31; n <= 60; n++) await b.call('readings.record', form(n, '7'), supervisorB)
      })(),
    ])
    // No "sync now": each instance listens to the database and wakes its own consoles.
    const count = (c: TestApp) =>
      c.app.local.sql.prepare(`SELECT count(*) FROM readings WHERE period = '2026-11'`).pluck().get()
    await vi.waitFor(
      () => {
        expect(count(a)).toBe(60)
        expect(count(b)).toBe(60)
      },
      { timeout: 20_000, interval: 50 },
    )
    const { rows } = await central.pool.query(
      `SELECT count(*)::int AS n FROM readings WHERE period = '2026-11'`,
    )
    expect(rows[0].n).toBe(60)
    // The two instances appended to one audit chain, not two forks.
    expect(await verifyAudit(central.pool)).toMatchObject({ broken: null })
  })
})
