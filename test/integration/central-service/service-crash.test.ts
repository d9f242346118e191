import { spawn, type ChildProcess } from 'node:child_process'
import { OWASP_SCRYPT_LOG_N } from '../../../src-main/modules/staff/password-hash'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { resetCentral, useCentralService } from '../../support/central-service'
import { freePort } from '../../support/postgres-server'
import { buildTestApp, type TestApp } from '../../support/test-app'
import { testAuthorities } from '../../support/tls'
import { insertCentralAccountsWithOneMeter } from '../../support/central-database'

const central = useCentralService()
const FORMS = 1_200

/** The service as the utility runs it: its own process, started by `npm run central:serve`'s script. */
function startServiceProcess(port: number, certFile: string, keyFile: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-central/serve-cli.ts',
      '--db',
      central.url,
      '--listen',
      `127.0.0.1:${port}`,
      '--tls-cert',
      certFile,
      '--tls-key',
      keyFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('слушает')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`central service exited with ${code}`)))
  })
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}

async function centralCount(sql: string): Promise<number> {
  const { rows } = await central.pool.query<{ n: number }>(sql)
  return Number(rows[0]!.n)
}

describe('the central service killed in the middle of a push', () => {
  let port: number
  let certFile: string
  let keyFile: string
  let console_: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccountsWithOneMeter(central.pool, FORMS)
    const dir = mkdtempSync(join(tmpdir(), 'vodokanal-service-'))
    const { right } = testAuthorities()
    certFile = join(dir, 'service.pem')
    keyFile = join(dir, 'service.key')
    writeFileSync(certFile, right.cert)
    writeFileSync(keyFile, right.key, { mode: 0o600 })
    port = await freePort()
  })
  afterAll(async () => {
    await console_?.dispose()
  })

  // Three service starts, product-cost hashing and waits of up to a minute: room for a loaded CI.
  it(
    'applies every command exactly once after the service is started again',
    { timeout: 240_000 },
    async () => {
      let service = await startServiceProcess(port, certFile, keyFile)
      // The service as the utility runs it accepts staff hashes at the product's cost only: so must the console.
      console_ = await buildTestApp({
        central: { service: central, serviceUrl: `https://127.0.0.1:${port}` },
        passwordHashLogN: OWASP_SCRYPT_LOG_N,
      })
      const clerk = await console_.tokenFor('clerk')
      await stop(service, 'SIGTERM')
      await console_.app.sync!.syncNow()
      for (let n = 1; n <= FORMS; n++)
        await console_.call(
          'readings.record',
          {
            accountNumber: String(40_000_000 + n),
            receivedOn: '2026-11-02',
            source: 'paper',
            values: [{ meterId: n, value: '12', confirmed: [] }],
          },
          clerk,
        )
      const queued = console_.app.local.sql
        .prepare(`SELECT command_id FROM outbox WHERE state = 'pending' ORDER BY seq`)
        .pluck()
        .all() as string[]
      expect(queued).toHaveLength(FORMS)

      // Back, and killed with SIGKILL as soon as the first batches have landed.
      service = await startServiceProcess(port, certFile, keyFile)
      void console_.app.sync!.syncNow()
      const landed = `SELECT count(*) AS n FROM applied_commands WHERE command = 'readings.record'`
      await vi.waitFor(async () => expect(await centralCount(landed)).toBeGreaterThan(0), {
        timeout: 30_000,
        interval: 5,
      })
      await stop(service, 'SIGKILL')

      service = await startServiceProcess(port, certFile, keyFile)
      try {
        await vi.waitFor(async () => expect((await console_.app.sync!.syncNow()).pendingCommands).toBe(0), {
          timeout: 60_000,
          interval: 100,
        })
        const applied = await central.pool.query<{ command_id: string }>(
          `SELECT command_id FROM applied_commands WHERE command = 'readings.record'`,
        )
        expect(applied.rows.map((r) => r.command_id).sort()).toEqual([...queued].sort())
        expect(await centralCount(`SELECT count(*) AS n FROM readings`)).toBe(FORMS)
        expect(
          await centralCount(
            `SELECT count(*) AS n FROM central_audit WHERE detail->>'command' = 'readings.record'`,
          ),
        ).toBe(FORMS)
        expect(
          console_.app.local.sql
            .prepare(`SELECT count(*) FROM outbox WHERE state <> 'applied'`)
            .pluck()
            .get(),
        ).toBe(0)
      } finally {
        await stop(service, 'SIGTERM')
      }
    },
  )
})
