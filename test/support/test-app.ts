import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChannelInput, ChannelName, ChannelOutput, ContractError, Role } from '@shared/contract'
import { createApp, type AppConfig, type ConsoleApp } from '../../src-main/app'
import { fileSecretBox } from '../../src-main/browser-shell/file-secret-box'
import { CENTRAL_SUPERVISOR, type TestCentral } from './central-service'
import { ManualClock } from './clock'
import { TEST_PASSWORD } from './test-password'

export { ManualClock, TEST_CLOCK_START } from './clock'

export interface TestApp {
  readonly app: ConsoleApp
  /** Stops the console and starts it again on the same database, as after a crash or a reboot. */
  restart(): Promise<void>
  clock: ManualClock
  dataDir: string
  /** Calls a channel and returns its data, or throws the contract error. */
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    token?: string | null,
  ): Promise<ChannelOutput<C>>
  /** Calls a channel expecting a refusal and returns the error. */
  refused(channel: string, input: unknown, token?: string | null): Promise<ContractError>
  supervisorToken: string
  /** What the router logged instead of showing the user. */
  logged: string[]
  tokenFor(role: Role): Promise<string>
  /** A new staff member of that role, signed in: their login and session token. */
  staffMember(role: Role): Promise<{ login: string; token: string }>
  dispose(): Promise<void>
}

export { TEST_PASSWORD } from './test-password'

/** What a supervisor gives a new staff member, to be changed at the first sign-in. */
export const FIRST_PASSWORD = 'выданный-старшей-2026'

export interface TestAppOptions extends Partial<AppConfig> {
  /**
   * A console of the utility's network: enrolled at this central service (through `serviceUrl`, e.g.
   * a cuttable link, when given) by the central supervisor, who then signs in centrally. Without it,
   * a console working alone with its own first supervisor.
   */
  central?: { service: TestCentral; serviceUrl?: string; consoleName?: string }
}

/** The real app on a fresh SQLite file, with a supervisor signed in. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { central, ...config } = options
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-test-'))
  const clock = new ManualClock()
  const logged: string[] = []
  const logger = { error: (message: string, error: unknown) => logged.push(`${message}: ${String(error)}`) }
  const start = () =>
    createApp({
      dataDir,
      clock,
      passwordHashLogN: 10,
      logger,
      checkOutputs: true,
      secrets: fileSecretBox(dataDir),
      syncTiming: { periodicMs: 60_000, backoffMs: { first: 50, max: 200 } },
      ...config,
    })
  let app = await start()

  async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null) {
    const result = await app.router.invoke({ channel, payload: input, token })
    if (!result.ok)
      throw Object.assign(
        new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.params ?? {})}`),
        {
          contract: result.error,
        },
      )
    return result.data as ChannelOutput<C>
  }

  async function refused(channel: string, input: unknown, token?: string | null) {
    const result = await app.router.invoke({ channel, payload: input, token })
    if (result.ok) throw new Error(`${channel} was expected to be refused`)
    return result.error
  }

  let supervisor: { token: string }
  if (central) {
    await call('sync.enrolNew', {
      service: {
        url: central.serviceUrl ?? central.service.serviceUrl,
        caPem: central.service.caPem,
        consoleName: central.consoleName ?? `Тестовая консоль ${dataDir.slice(-6)}`,
        login: CENTRAL_SUPERVISOR.login,
        password: TEST_PASSWORD,
      },
    })
    await app.sync!.syncNow()
    supervisor = await call('auth.signIn', { login: CENTRAL_SUPERVISOR.login, password: TEST_PASSWORD })
  } else {
    supervisor = await call('auth.setupFirstSupervisor', {
      login: 'chief',
      fullName: 'Старшая Смены Иванова',
      password: TEST_PASSWORD,
      passwordRepeat: TEST_PASSWORD,
    })
  }

  let staffCounter = 0
  async function staffMember(role: Role) {
    staffCounter += 1
    // Logins are central: two consoles of one test making the same one get LOGIN_TAKEN.
    const login = `${role}${staffCounter}`
    await call(
      'staff.create',
      {
        login,
        fullName: `Сотрудник ${login}`,
        role,
        password: FIRST_PASSWORD,
        passwordRepeat: FIRST_PASSWORD,
      },
      supervisor.token,
    )
    // The supervisor's password is changed at the first sign-in, as every new staff member does.
    const first = await call('auth.signIn', { login, password: FIRST_PASSWORD })
    const own = { currentPassword: FIRST_PASSWORD, password: TEST_PASSWORD, passwordRepeat: TEST_PASSWORD }
    return { login, token: (await call('auth.changeOwnPassword', own, first.token)).token }
  }

  return {
    get app() {
      return app
    },
    restart: async () => {
      await app.close()
      app = await start()
    },
    clock,
    dataDir,
    call,
    refused,
    supervisorToken: supervisor.token,
    logged,
    staffMember,
    tokenFor: async (role) => (await staffMember(role)).token,
    dispose: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const COUNTED_TABLES = ['staff', 'audit_log', 'outbox', 'settings', 'accounts', 'readings'] as const
type CountedTable = (typeof COUNTED_TABLES)[number]

/** Row counts of every table a command writes, to prove a refused call changed nothing. */
export function tableCounts(app: ConsoleApp): Record<CountedTable, number> {
  const count = (table: string) =>
    (app.local.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return Object.fromEntries(COUNTED_TABLES.map((table) => [table, count(table)])) as Record<
    CountedTable,
    number
  >
}

/** Syncs the consoles, round after round, until none has anything left to push or pull. */
export async function settle(...consoles: TestApp[]): Promise<void> {
  for (let round = 0; round < 3; round++) for (const c of consoles) await c.app.sync!.syncNow()
}

/** A paper form of one meter, as `readings.record` takes it; stamped 2 November unless said. */
export const paperForm = (
  accountNumber: string,
  meterId: number,
  value: string,
  receivedOn = '2026-11-02',
) => ({
  accountNumber,
  receivedOn,
  source: 'paper' as const,
  values: [{ meterId, value, confirmed: [] }],
})
