import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetCentral, useCentralService } from '../../support/central-service'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { buildTestApp, type TestApp } from '../../support/test-app'
import { insertCentralAccountsWithOneMeter } from '../../support/central-database'

const central = useCentralService()
const METERS = 50

const form = (n: number, value: string) => ({
  accountNumber: String(40_000_000 + n),
  receivedOn: '2026-11-02',
  source: 'paper' as const,
  values: [{ meterId: n, value, confirmed: [] }],
})

describe('two consoles pushing forms for the same meters at the same moment', () => {
  const links: CuttableLink[] = []
  const consoles: TestApp[] = []

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccountsWithOneMeter(central.pool, METERS)
    for (const name of ['А', 'Б']) {
      const link = await cuttableLink(central.serviceUrl)
      links.push(link)
      consoles.push(
        await buildTestApp({
          central: { service: central, serviceUrl: link.url, consoleName: `Консоль ${name}` },
        }),
      )
    }
  })
  afterAll(async () => {
    for (const c of consoles) await c.dispose()
    for (const link of links) await link.close()
  })

  it('keeps the first value of each meter and makes every other one a conflict: nothing is overwritten silently', async () => {
    const [a, b] = consoles as [TestApp, TestApp]
    const clerkA = await a.tokenFor('clerk')
    const supervisorB = b.supervisorToken
    for (const link of links) link.cut()
    for (let n = 1; n <= METERS; n++) {
      await a.call('readings.record', form(n, '11'), clerkA)
      await b.call('readings.record', form(n, '22'), supervisorB)
    }
    for (const link of links) link.restore()
    await Promise.all([a.app.sync!.syncNow(), b.app.sync!.syncNow()])

    const { rows } = await central.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM readings WHERE period = '2026-11'`,
    )
    expect(rows[0]!.n).toBe(METERS)
    const conflicts = await central.pool.query<{ n: number }>(
      `SELECT count(DISTINCT entity_key)::int AS n FROM sync_conflicts`,
    )
    expect(conflicts.rows[0]!.n).toBe(METERS)
    // Each conflict holds the value the central database kept and the other console's.
    const pairs = await central.pool.query<{ central: number; console: number }>(
      `SELECT (central_value->>'valueMilli')::int AS central, (console_value->>'valueMilli')::int AS console FROM sync_conflicts`,
    )
    for (const pair of pairs.rows) expect([pair.central, pair.console].sort()).toEqual([11_000, 22_000])
  })
})
