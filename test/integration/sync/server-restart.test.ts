import { describe, expect, it, vi } from 'vitest'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { startEmbeddedPostgres } from '../../support/postgres-server'
import { useCentralService } from '../../support/central-service'
import { buildTestApp } from '../../support/test-app'

// This file stops its server, so it has one of its own rather than the shared one.
const central = useCentralService({ privateServer: startEmbeddedPostgres })

const form = (n: number) => ({
  accountNumber: String(40_000_000 + n),
  receivedOn: '2026-11-02',
  source: 'paper' as const,
  values: [{ meterId: n, value: '12', confirmed: [] }],
})

describe('the central server stopped in the middle of a sync', () => {
  it('says it cannot reach the server, keeps the work, and resumes by itself when the server is back', async () => {
    await insertCentralAccounts(
      central.pool,
      Array.from({ length: 40 }, (_, i) => anAccount({ id: i + 1 })),
    )
    await insertCentralMeters(
      central.pool,
      Array.from({ length: 40 }, (_, i) => aMeter({ id: i + 1, accountId: i + 1 })),
    )
    const console = await buildTestApp({
      central: { service: central },
      syncTiming: { periodicMs: 60_000, backoffMs: { first: 100, max: 400 } },
    })
    try {
      await console.app.sync!.syncNow()
      const clerk = await console.tokenFor('clerk')
      for (let n = 1; n <= 20; n++) await console.call('readings.record', form(n), clerk)
      // The server goes away while those commands are being pushed.
      await central.server.halt!()
      for (let n = 21; n <= 40; n++) await console.call('readings.record', form(n), clerk)
      await vi.waitFor(
        async () => {
          const status = await console.call('sync.status', {}, clerk)
          expect(status).toMatchObject({ mode: 'offline', problem: { kind: 'unreachable' } })
        },
        { timeout: 10_000, interval: 100 },
      )

      await central.server.resume!()
      // No "sync now": the engine's own retries bring it back.
      await vi.waitFor(
        async () => {
          const status = await console.call('sync.status', {}, clerk)
          expect(status).toMatchObject({ mode: 'online', pendingCommands: 0, problem: null })
        },
        { timeout: 20_000, interval: 200 },
      )
      const { rows } = await central.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM readings WHERE period = '2026-11'`,
      )
      expect(rows[0]!.n).toBe(40)
      const applied = await central.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM applied_commands WHERE command = 'readings.record'`,
      )
      expect(applied.rows[0]!.n).toBe(40)
    } finally {
      await console.dispose()
    }
  })
})
