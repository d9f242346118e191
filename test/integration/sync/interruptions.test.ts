import { spawn } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { resetCentral, useCentralService } from '../../support/central-service'
import { PUSH_BATCH_SIZE } from '../../../src-main/sync/push'
import { buildTestApp, type TestApp } from '../../support/test-app'
import { insertCentralAccountsWithOneMeter } from '../../support/central-database'

const central = useCentralService()
// More forms than one push carries: the console can be killed between two batches.
const ACCOUNTS = PUSH_BATCH_SIZE + 200

/** Every account has one meter (id = account id) and no readings yet: each form is a new reading. */
async function arrangeCentral() {
  await resetCentral(central)
  await insertCentralAccountsWithOneMeter(central.pool, ACCOUNTS)
}

const form = (n: number, value = '12') => ({
  accountNumber: String(40_000_000 + n),
  receivedOn: '2026-11-02',
  source: 'paper' as const,
  values: [{ meterId: n, value, confirmed: [] }],
})

async function centralCount(sql: string): Promise<number> {
  const { rows } = await central.pool.query<{ n: number }>(sql)
  return Number(rows[0]!.n)
}

describe('sync through interruptions', () => {
  let link: CuttableLink
  let offline: TestApp

  beforeEach(async () => {
    await arrangeCentral()
    link = await cuttableLink(central.serviceUrl)
    offline = await buildTestApp({ central: { service: central, serviceUrl: link.url } })
    await offline.app.sync!.syncNow()
  })

  afterEach(async () => {
    await offline.dispose()
    await link.close()
  })

  it('applies a day of offline work once the console is back, and lists what clashed', async () => {
    const clerk = await offline.tokenFor('clerk')
    const other = await buildTestApp({ central: { service: central } })
    try {
      await offline.app.sync!.syncNow()
      await other.app.sync!.syncNow()
      link.cut()
      for (let n = 1; n <= 300; n++) await offline.call('readings.record', form(n), clerk)
      // Meanwhile a colleague on another console records three of the same meters, differently.
      for (const n of [5, 6, 7]) await other.call('readings.record', form(n, '11'), other.supervisorToken)
      await other.app.sync!.syncNow()
      const status = await offline.call('sync.status', {}, clerk)
      expect(status).toMatchObject({
        mode: 'offline',
        pendingCommands: 300,
        problem: { kind: 'unreachable' },
      })

      link.restore()
      await offline.app.sync!.syncNow()
      await offline.app.sync!.syncNow()
      expect(await centralCount(`SELECT count(*) AS n FROM readings WHERE period = '2026-11'`)).toBe(300)
      expect(await centralCount(`SELECT count(*) AS n FROM readings WHERE value_milli = 11000`)).toBe(3)
      expect(await offline.call('sync.status', {}, clerk)).toMatchObject({
        mode: 'online',
        pendingCommands: 0,
        refusedCommands: 0,
        conflicts: 3,
      })
      const listed = offline.app.local.sql
        .prepare(`SELECT entity_key FROM sync_conflicts ORDER BY entity_key`)
        .pluck()
        .all()
      expect(listed).toEqual(['reading:5:2026-11', 'reading:6:2026-11', 'reading:7:2026-11'])
    } finally {
      await other.dispose()
    }
  })

  it('sends a command again after a lost answer, and the central database applies it once', async () => {
    const clerk = await offline.tokenFor('clerk')
    await offline.app.sync!.syncNow()
    link.cut()
    await offline.call('readings.record', form(1), clerk)
    link.restore()
    await offline.app.sync!.syncNow()
    // The answer is lost: the console still thinks the command is waiting and sends it again.
    offline.app.local.sql
      .prepare(`UPDATE outbox SET state = 'pending' WHERE command = 'readings.record'`)
      .run()
    await offline.app.sync!.syncNow()
    expect(
      await centralCount(`SELECT count(*) AS n FROM applied_commands WHERE command = 'readings.record'`),
    ).toBe(1)
    expect(await centralCount(`SELECT count(*) AS n FROM readings`)).toBe(1)
    expect(await centralCount(`SELECT count(*) AS n FROM sync_conflicts`)).toBe(0)
  })

  it('a console killed with SIGKILL in the middle of a push sends every command exactly once after a restart', async () => {
    const clerk = await offline.tokenFor('clerk')
    await offline.app.sync!.syncNow()
    link.cut()
    for (let n = 1; n <= ACCOUNTS; n++) await offline.call('readings.record', form(n), clerk)
    const queued = offline.app.local.sql
      .prepare(`SELECT command_id FROM outbox WHERE state = 'pending' ORDER BY seq`)
      .pluck()
      .all() as string[]
    await offline.app.close()

    // The console, as its own process, straight to the server; killed once the first batches landed.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/processes/console-process.ts', offline.dataDir, central.serviceUrl],
      { stdio: 'ignore' },
    )
    let landed = 0
    for (let tries = 0; tries < 2_000 && landed === 0; tries++) {
      landed = await centralCount(
        `SELECT count(*) AS n FROM applied_commands WHERE command = 'readings.record'`,
      )
      if (landed === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(landed).toBeGreaterThan(0)
    // Killed in the middle: some commands are in the central database, not all.
    expect(
      await centralCount(`SELECT count(*) AS n FROM applied_commands WHERE command = 'readings.record'`),
    ).toBeLessThan(ACCOUNTS)

    await offline.restart()
    link.restore()
    await offline.app.sync!.syncNow()
    await offline.app.sync!.syncNow()
    const applied = await central.pool.query<{ command_id: string }>(
      `SELECT command_id FROM applied_commands WHERE command = 'readings.record'`,
    )
    expect(applied.rows.map((r) => r.command_id).sort()).toEqual([...queued].sort())
    expect(await centralCount(`SELECT count(*) AS n FROM readings`)).toBe(ACCOUNTS)
    expect(
      offline.app.local.sql.prepare(`SELECT count(*) FROM outbox WHERE state <> 'applied'`).pluck().get(),
    ).toBe(0)
  })
})
