import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assignPeriod } from '@shared/domain/billing-period'
import { createPrivateKey } from 'node:crypto'
import { CentralClient } from '../../../src-main/sync/central-client'
import { enrolAtService } from '../../../src-main/sync/enrol-console'
import { initialSync } from '../../../src-main/sync/initial-sync'
import { LocalMirror } from '../../../src-main/sync/local-mirror'
import { SyncState } from '../../../src-main/sync/sync-state'
import { aMeter, anAccount } from '../../support/account-builder'
import {
  insertCentralAccounts,
  insertCentralMeters,
  insertCentralReadings,
} from '../../support/central-database'
import { CENTRAL_SUPERVISOR, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, ManualClock, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()
const YEAR_MS = 365 * 86_400_000

describe('sync never trusts a console’s clock', () => {
  let behind: TestApp
  let ahead: TestApp

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, phone: '+7 978 000-00-00' })])
    const target = { service: central }
    behind = await buildTestApp({ central: target, clock: new ManualClock(new Date(Date.now() - YEAR_MS)) })
    ahead = await buildTestApp({ central: target, clock: new ManualClock(new Date(Date.now() + YEAR_MS)) })
    for (const c of [behind, ahead, behind]) await c.app.sync!.syncNow()
  })
  afterEach(async () => {
    await behind.dispose()
    await ahead.dispose()
  })

  it('applies the later edit even when its console’s clock says it is a year older', async () => {
    const clerkAhead = await ahead.tokenFor('clerk')
    const clerkBehind = await behind.tokenFor('supervisor')
    const edit = async (c: TestApp, token: string, phone: string) => {
      const card = await c.call('accounts.card', { accountId: 1 }, token)
      const { street, house, building, apartment, email, version } = card.account
      await c.call(
        'accounts.updateContacts',
        {
          accountId: 1,
          expectedVersion: version,
          phone,
          email: email ?? '',
          street,
          house,
          building: building ?? '',
          apartment: apartment ?? '',
        },
        token,
      )
      await c.app.sync!.syncNow()
    }
    await edit(ahead, clerkAhead, '+7 978 111-11-11')
    await behind.app.sync!.syncNow()
    await edit(behind, clerkBehind, '+7 978 222-22-22')
    await ahead.app.sync!.syncNow()

    const { rows } = await central.pool.query(`SELECT phone FROM accounts WHERE id = 1`)
    expect(rows).toEqual([{ phone: '+7 978 222-22-22' }])
    for (const c of [behind, ahead])
      expect(c.app.local.sql.prepare(`SELECT phone FROM accounts WHERE id = 1`).pluck().get()).toBe(
        '+7 978 222-22-22',
      )
    expect(await central.pool.query(`SELECT count(*)::int AS n FROM sync_conflicts`)).toMatchObject({
      rows: [{ n: 0 }],
    })
  })
})

describe('the initial copy of a fresh console', () => {
  let fresh: TestApp
  let client: CentralClient

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(
      central.pool,
      Array.from({ length: 30 }, (_, i) => anAccount({ id: i + 1 })),
    )
    await insertCentralMeters(
      central.pool,
      Array.from({ length: 30 }, (_, i) => aMeter({ id: i + 1, accountId: i + 1 })),
    )
    for (let id = 1; id <= 30; id++)
      await insertCentralReadings(central.pool, id, { '2026-09': 90, '2026-10': 100 })
    fresh = await buildTestApp()
    const enrolment = await enrolAtService({
      url: central.serviceUrl,
      caPem: central.caPem,
      consoleName: 'Свежая консоль',
      login: CENTRAL_SUPERVISOR.login,
      password: TEST_PASSWORD,
    })
    client = new CentralClient(
      { url: central.serviceUrl, caPem: central.caPem },
      { consoleId: enrolment.consoleId, privateKey: createPrivateKey(enrolment.privateKeyPem) },
    )
  })
  afterEach(async () => {
    client.close()
    await fresh.dispose()
  })

  it('resumes where an interruption stopped it and copies every row once, reporting its progress', async () => {
    const db = fresh.app.local.sql
    const mirror = new LocalMirror(db)
    const state = new SyncState(db)
    const period = assignPeriod(new Date('2026-11-10T09:00:00Z')).period
    const seen: number[] = []
    // The connection drops after the third page of ten rows.
    await expect(
      initialSync(
        client,
        mirror,
        state,
        period,
        (p) => {
          seen.push(p.copied)
          if (p.copied >= 30) throw new Error('connection lost')
        },
        10,
      ),
    ).rejects.toThrow('connection lost')
    const interrupted = state.get<{ copied: number; total: number; done: boolean }>('initialSync')!
    expect(interrupted.done).toBe(false)
    expect(interrupted.copied).toBeGreaterThanOrEqual(30)

    const done = await initialSync(client, mirror, state, period, (p) => seen.push(p.copied), 10)
    expect(done).toMatchObject({ done: true, copied: done.total })
    // Carried on from where it stopped: never back to 0.
    expect(
      seen.slice(seen.indexOf(interrupted.copied) + 1).every((copied) => copied >= interrupted.copied),
    ).toBe(true)
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()
    expect([count('accounts'), count('meters'), count('readings')]).toEqual([30, 30, 60])
    // The coverage tallies stood aside during the copy and were counted whole at its end.
    expect(db.prepare(`SELECT paused FROM reading_coverage_upkeep`).pluck().get()).toBe(0)
    expect(db.prepare(`SELECT sum(accounts) FROM covered_accounts`).pluck().get()).toBe(
      db
        .prepare(
          `SELECT count(*) FROM (SELECT DISTINCT m.account_id, r.period FROM readings r JOIN meters m ON m.id = r.meter_id)`,
        )
        .pluck()
        .get(),
    )
    // The feed starts where the copy began, so nothing written meanwhile is missed.
    expect(state.get('cursor')).not.toBeNull()
  })
})
