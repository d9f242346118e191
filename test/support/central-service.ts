import { createPrivateKey, randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import type { Role } from '@shared/contract'
import type { ConsoleApp } from '../../src-main/app'
import { fileSecretBox } from '../../src-main/browser-shell/file-secret-box'
import { PasswordHasher } from '../../src-main/modules/staff/password-hash'
import { CentralClient } from '../../src-main/sync/central-client'
import { AdvancingClock } from './clock'
import { startCentralService, type CentralService } from '../../src-central/server'
import { truncateCentral, useCentralDatabase, type CentralDatabase } from './central-database'
import type { PostgresServer } from './postgres-server'
import { TEST_PASSWORD } from './test-password'
import { testAuthorities } from './tls'
import { TEST_DOOR_LIMITS } from './door-limits'

/** The utility's first supervisor, made centrally as `npm run central:add-staff` would. */
export const CENTRAL_SUPERVISOR = {
  login: 'chief',
  fullName: 'Старшая Смены Иванова',
  role: 'supervisor',
} as const

export interface TestCentral extends CentralDatabase {
  /** The running service's address (HTTPS on loopback). */
  serviceUrl: string
  /** The test CA that signed the service's certificate: what a supervisor gives the console. */
  caPem: string
  service: CentralService
  /** Starts the service again on the same address, after a test closed it (a restart, an outage). */
  restartService(): Promise<void>
  /** The service's clock: a test that moves its consoles' clocks hours ahead moves this one too. */
  clock: AdvancingClock
}

/**
 * A migrated central database with a real central service in front of it, over TLS on loopback,
 * for one test file. Consoles reach the data only through the service.
 */
export function useCentralService(
  options: { privateServer?: () => Promise<PostgresServer> } = {},
): TestCentral {
  const central = useCentralDatabase(options) as TestCentral
  beforeAll(async () => {
    const { right } = testAuthorities()
    central.caPem = right.caPem
    central.clock = new AdvancingClock()
    central.service = await startCentralService({
      databaseUrl: central.url,
      tls: { cert: right.cert, key: right.key },
      passwordHashLogN: 10,
      resetPollMs: 200,
      clock: central.clock,
      doorLimits: TEST_DOOR_LIMITS,
    })
    central.serviceUrl = central.service.url
    central.restartService = async () => {
      central.service = await startCentralService({
        databaseUrl: central.url,
        tls: { cert: right.cert, key: right.key },
        passwordHashLogN: 10,
        resetPollMs: 200,
        port: Number(new URL(central.serviceUrl).port),
        clock: central.clock,
        doorLimits: TEST_DOOR_LIMITS,
      })
    }
    await addCentralStaff(central, CENTRAL_SUPERVISOR)
  })
  afterAll(async () => {
    await central.service?.close()
  })
  return central
}

const hasher = new PasswordHasher(10)

export async function addCentralStaff(
  central: CentralDatabase,
  staff: { login: string; fullName: string; role: Role; password?: string },
): Promise<void> {
  await central.pool.query(
    `INSERT INTO staff (login, full_name, role, password_hash) VALUES ($1, $2, $3, $4)`,
    [staff.login, staff.fullName, staff.role, await hasher.hash(staff.password ?? TEST_PASSWORD)],
  )
}

/** Empties the central database between tests and puts the first supervisor back. */
export async function resetCentral(central: TestCentral): Promise<void> {
  await truncateCentral(central.pool)
  await addCentralStaff(central, CENTRAL_SUPERVISOR)
}

/**
 * The website as the utility would connect it: a login user that is a member of `vodokanal_website`
 * and nothing else (docs/portal-contract.md). `end()` closes it and drops the user.
 */
export async function connectAsWebsite(
  central: CentralDatabase,
): Promise<{ client: pg.Client; end(): Promise<void> }> {
  const login = `web_${randomBytes(4).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  await central.pool.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE vodokanal_website`)
  const url = new URL(central.url)
  url.username = login
  url.password = password
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  return {
    client,
    end: async () => {
      await client.end()
      await central.pool.query(`DROP OWNED BY ${login}`)
      await central.pool.query(`DROP ROLE ${login}`)
    },
  }
}

/**
 * The console's own signed client, as its sync engine builds it from the enrolment it stored: for
 * tests that push by hand (a batch out of order, a forged command).
 */
export function ownCentralClient(
  console_: { app: ConsoleApp; dataDir: string },
  service: { url: string; caPem: string },
): CentralClient {
  const stored = JSON.parse(
    console_.app.local.sql
      .prepare(`SELECT value FROM settings WHERE key = 'centralService'`)
      .pluck()
      .get() as string,
  ) as { consoleId: string; sealedPrivateKey: string }
  return new CentralClient(service, {
    consoleId: stored.consoleId,
    privateKey: createPrivateKey(fileSecretBox(console_.dataDir).open(stored.sealedPrivateKey)),
  })
}
