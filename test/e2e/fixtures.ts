import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import pg from 'pg'
import electronLog from 'electron-log/node'
import { createApp, type AppConfig, type ConsoleApp } from '../../src-main/app'
import { fileLog } from '../../src-main/logging/app-log'
import { personalDataInLog } from '../support/personal-data-in-log'
import type { Clock } from '../../src-main/clock'
import { fileSecretBox } from '../../src-main/browser-shell/file-secret-box'
import { startBrowserShell, type BrowserShell } from '../../src-main/browser-shell/server'
import { migrateCentral } from '../../src-central/db/migrate'
import { startCentralService } from '../../src-central/server'
import { PasswordHasher } from '../../src-main/modules/staff/password-hash'
import { createScratchDatabase, startPostgresServer, type PostgresServer } from '../support/postgres-server'
import { TEST_DOOR_LIMITS } from '../support/door-limits'
import { testAuthorities } from '../support/tls'

export interface ShellFixture {
  app: ConsoleApp
  shell: BrowserShell
  dataDir: string
  /** The main process's clock: real time, moved forward by hand where a test needs time to pass. */
  clock: MovableClock
}

/** Real time plus whatever a test skipped, so "idle for 15 minutes" takes no waiting. */
export class MovableClock implements Clock {
  private skippedMs = 0
  now(): Date {
    return new Date(Date.now() + this.skippedMs)
  }
  advance(ms: number): void {
    this.skippedMs += ms
  }
}

export interface CentralFixture {
  /** The central database (the test's side only: consoles never see it). */
  url: string
  /** The test's own queries: arranging what the website wrote, checking what the console pushed. */
  pool: pg.Pool
  /** The central service in front of it, over TLS on loopback, and the CA that signed its certificate. */
  serviceUrl: string
  caPem: string
}

/**
 * Every test gets the real app, on a fresh SQLite file, behind its own browser shell. Tests that use
 * `central` also get a fresh, migrated central database (one PostgreSQL server per worker), and their
 * console syncs with it.
 */
export const test = base.extend<
  {
    appConfig: Partial<AppConfig>
    console: ShellFixture
    central: CentralFixture | null
    /** False: the central database exists, but a supervisor has yet to point the console at it. */
    connectToCentral: boolean
  },
  { postgres: PostgresServer }
>({
  appConfig: [{}, { option: true }],
  postgres: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startPostgresServer()
      await use(server)
      await server.stop()
    },
    { scope: 'worker' },
  ],
  central: [null, { option: true }],
  connectToCentral: [true, { option: true }],
  console: async ({ appConfig, central, connectToCentral }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-e2e-'))
    const clock = new MovableClock()
    const log = fileLog(electronLog.create({ logId: dataDir }), join(dataDir, 'logs'))
    const app = await createApp({
      dataDir,
      clock,
      logger: log,
      secrets: fileSecretBox(dataDir),
      checkOutputs: true,
      syncTiming: { periodicMs: 60_000, backoffMs: { first: 200, max: 2_000 } },
      ...appConfig,
    })
    if (central && connectToCentral) {
      // Enrolled as a supervisor would on the first screen; staff then sign in centrally.
      const enrolled = await app.router.invoke({
        channel: 'sync.enrolNew',
        payload: {
          service: {
            url: central.serviceUrl,
            caPem: central.caPem,
            consoleName: 'Консоль теста',
            login: SUPERVISOR.login,
            password: SUPERVISOR.password,
          },
        },
      })
      if (!enrolled.ok) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.error)}`)
      await app.sync!.syncNow()
    }
    const shell = await startBrowserShell({ app, staticDir: resolve('out/renderer') })
    await use({ app, shell, dataDir, clock })
    await shell.close()
    const leaked = personalDataInLog(app.local.sql, log.file)
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
    expect(leaked, 'subscribers’ names, phones or emails in the console’s log').toEqual([])
  },
})
export { expect }

/** A test that needs the central database: `const test = centralTest` at the top of its file. */
export const centralTest = test.extend<{ central: CentralFixture }>({
  central: async ({ postgres }, use) => {
    const scratch = await createScratchDatabase(postgres.url, 'e2e')
    await migrateCentral(scratch.url)
    const pool = new pg.Pool({ connectionString: scratch.url, max: 4 })
    // A connection the server ends (a scratch database dropped, PostgreSQL restarted) must not surface
    // as an uncaught error in whichever test runs next.
    pool.on('error', () => undefined)
    pool.on('connect', (client) => client.on('error', () => undefined))
    // The utility's first supervisor, made centrally (npm run central:add-staff).
    await pool.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ($1, $2, 'supervisor', $3)`,
      [SUPERVISOR.login, SUPERVISOR.fullName, await new PasswordHasher(10).hash(SUPERVISOR.password)],
    )
    const { right } = testAuthorities()
    const service = await startCentralService({
      databaseUrl: scratch.url,
      tls: { cert: right.cert, key: right.key },
      passwordHashLogN: 10,
      doorLimits: TEST_DOOR_LIMITS,
    })
    await use({ url: scratch.url, pool, serviceUrl: service.url, caPem: right.caPem })
    await service.close()
    await pool.end()
    await scratch.drop()
  },
})

export const SUPERVISOR = { login: 'chief', fullName: 'Иванова Марина Петровна', password: 'Водоканал-2026' }

/**
 * The supervisor at work on the console: on a console of the central service, signed in with their
 * central account; on a console that works alone, made as its first supervisor.
 */
export async function startAsSupervisor(page: Page, c: ShellFixture) {
  if (!c.app.sync) return setUpFirstSupervisor(page, c.shell)
  await page.goto(c.shell.url)
  await signIn(page, SUPERVISOR.login, SUPERVISOR.password)
  await expect(page.getByTestId('signed-in-staff')).toContainText(SUPERVISOR.fullName)
}

export async function setUpFirstSupervisor(page: Page, shell: BrowserShell) {
  await page.goto(shell.url)
  await fillFirstSupervisor(page)
  await expect(page.getByTestId('signed-in-staff')).toContainText(SUPERVISOR.fullName)
}

/** The first-start screen's local way, filled in as the first supervisor (a browser page or an Electron window). */
export async function fillFirstSupervisor(page: Page) {
  await page.getByTestId('setup-local').click()
  const form = page.getByTestId('setup-form')
  await form.getByLabel('Логин').fill(SUPERVISOR.login)
  await form.getByLabel('ФИО').fill(SUPERVISOR.fullName)
  await form.locator('#setup-password').fill(SUPERVISOR.password)
  await form.locator('#setup-password-repeat').fill(SUPERVISOR.password)
  await form.getByRole('button', { name: 'Создать и войти' }).click()
}

/** The central service form (first screen or settings), filled in and sent as the supervisor would. */
export async function fillCentralForm(
  page: Page,
  service: { url: string; caPem: string; consoleName: string; password?: string },
) {
  const form = page.getByTestId('central-form')
  await form.getByLabel('Адрес службы').fill(service.url)
  await form.getByTestId('central-ca').setInputFiles({
    name: 'vodokanal-ca.pem',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(service.caPem),
  })
  await form.getByLabel('Название консоли').fill(service.consoleName)
  await form.getByLabel('Логин').fill(SUPERVISOR.login)
  await form.getByLabel('Пароль').fill(service.password ?? SUPERVISOR.password)
  await page.getByTestId('central-save').click()
  return form
}

export async function signIn(page: Page, login: string, password: string) {
  const form = page.getByTestId('sign-in-form')
  await form.getByLabel('Логин').fill(login)
  await form.locator('#sign-in-password').fill(password)
  await form.getByRole('button', { name: 'Войти' }).click()
}

/** Creates a staff member straight through the router, as a supervisor would from the staff screen. */
export async function createStaffDirectly(
  app: ConsoleApp,
  role: 'operator' | 'clerk' | 'supervisor',
  login: string,
  password: string,
) {
  const supervisor = await app.router.invoke({
    channel: 'auth.signIn',
    payload: { login: SUPERVISOR.login, password: SUPERVISOR.password },
  })
  if (!supervisor.ok) throw new Error('supervisor sign-in failed')
  const token = (supervisor.data as { token: string }).token
  const given = `${password}-выданный`
  const created = await app.router.invoke({
    channel: 'staff.create',
    payload: { login, fullName: `Петров Пётр (${role})`, role, password: given, passwordRepeat: given },
    token,
  })
  if (!created.ok) throw new Error(`staff.create failed: ${created.error.code}`)
  // The person changes the supervisor's password at the first sign-in, as every new staff member does.
  const first = await app.router.invoke({ channel: 'auth.signIn', payload: { login, password: given } })
  if (!first.ok) throw new Error(`first sign-in failed: ${first.error.code}`)
  const changed = await app.router.invoke({
    channel: 'auth.changeOwnPassword',
    payload: { currentPassword: given, password, passwordRepeat: password },
    token: (first.data as { token: string }).token,
  })
  if (!changed.ok) throw new Error(`password change failed: ${changed.error.code}`)
  // On a console of the central service the change must be applied there before the person signs in
  // again: applied later (a loaded machine), it would end the session the test then works in.
  if (app.sync) {
    const pending = app.local.sql.prepare(`SELECT count(*) FROM outbox WHERE state = 'pending'`).pluck()
    await expect
      .poll(
        async () => {
          await app.sync!.syncNow()
          return pending.get()
        },
        { timeout: 60_000 },
      )
      .toBe(0)
  }
}

/** With SCREENSHOT_DIR set (`npm run screenshots`), tests leave the pictures the README links to. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const dir = process.env.SCREENSHOT_DIR
  // Transitions finished first: a message still sliding in would be shot half-drawn.
  if (dir)
    await page.screenshot({
      path: join(dir, `${name}.png`),
      fullPage: options.fullPage ?? false,
      animations: 'disabled',
    })
}

/** Calls a channel from inside the page, as any script in the page could, bypassing the UI. */
export async function invokeFromPage(page: Page, channel: string, payload: unknown) {
  return page.evaluate(
    async ([channelName, body]) => {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Console-Secret': sessionStorage.getItem('vodokanal.secret') ?? '',
          Authorization: `Bearer ${sessionStorage.getItem('vodokanal.session') ?? ''}`,
        },
        body: JSON.stringify({ channel: channelName, payload: body }),
      })
      return (await response.json()) as { ok: boolean; error?: { code: string } }
    },
    [channel, payload] as const,
  )
}
