import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChannelInput, ChannelName, ChannelOutput, ContractError, Role } from '@shared/contract'
import { createApp, type AppConfig, type ConsoleApp } from '../../src-main/app'
import type { Clock } from '../../src-main/clock'

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-24T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current)
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

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
  dispose(): Promise<void>
}

export const TEST_PASSWORD = 'верный-пароль-1'

/** The real app on a fresh SQLite file, with a first supervisor already set up. */
export async function buildTestApp(config: Partial<AppConfig> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-test-'))
  const clock = new ManualClock()
  const logged: string[] = []
  const logger = { error: (message: string, error: unknown) => logged.push(`${message}: ${String(error)}`) }
  const start = () => createApp({ dataDir, clock, passwordHashLogN: 10, logger, ...config })
  let app = await start()

  async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null) {
    const result = await app.router.invoke({ channel, payload: input, token })
    if (!result.ok)
      throw Object.assign(new Error(`${channel}: ${result.error.code}`), { contract: result.error })
    return result.data as ChannelOutput<C>
  }

  async function refused(channel: string, input: unknown, token?: string | null) {
    const result = await app.router.invoke({ channel, payload: input, token })
    if (result.ok) throw new Error(`${channel} was expected to be refused`)
    return result.error
  }

  const supervisor = await call('auth.setupFirstSupervisor', {
    login: 'chief',
    fullName: 'Старшая Смены Иванова',
    password: TEST_PASSWORD,
    passwordRepeat: TEST_PASSWORD,
  })

  let staffCounter = 0
  async function tokenFor(role: Role) {
    staffCounter += 1
    const login = `${role}${staffCounter}`
    await call(
      'staff.create',
      { login, fullName: `Сотрудник ${login}`, role, password: TEST_PASSWORD, passwordRepeat: TEST_PASSWORD },
      supervisor.token,
    )
    return (await call('auth.signIn', { login, password: TEST_PASSWORD })).token
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
    tokenFor,
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
