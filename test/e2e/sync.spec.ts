import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anAccount } from '../support/account-builder'
import { cuttableLink } from '../support/tcp-proxy'
import {
  centralTest as test,
  expect,
  fillCentralForm,
  saveScreenshot,
  setUpFirstSupervisor,
  startAsSupervisor,
  SUPERVISOR,
} from './fixtures'

test.describe('the console enrolled at the central service on the settings screen', () => {
  test.use({ connectToCentral: false })

  test('a supervisor enrols the console: a wrong password is refused in Russian, the right one connects', async ({
    page,
    console: c,
    central,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await expect(page.getByTestId('sync-badge')).toContainText('Только локальная база')
    await page.getByRole('link', { name: 'Настройки' }).click()
    const form = page.getByTestId('central-form')
    await expect(page.getByTestId('central-state')).toContainText('не подключена')

    await form.getByLabel('Адрес службы').fill(central.serviceUrl)
    await form.getByTestId('central-ca').setInputFiles({
      name: 'vodokanal-ca.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(central.caPem),
    })
    await form.getByLabel('Название консоли').fill('Абонентский отдел, окно 3')
    await form.getByLabel('Логин').fill(SUPERVISOR.login)
    await form.getByLabel('Пароль').fill('неверный-пароль')
    await page.getByTestId('central-save').click()
    await expect(form).toContainText('Служба не приняла логин или пароль')
    // Nothing typed is lost: the address and the name are still there.
    await expect(form.getByLabel('Адрес службы')).toHaveValue(central.serviceUrl)
    await expect(form.getByLabel('Название консоли')).toHaveValue('Абонентский отдел, окно 3')
    await saveScreenshot(page, 'settings-central-service-refused')

    await form.getByLabel('Пароль').fill(SUPERVISOR.password)
    await page.getByTestId('central-save').click()
    await expect(page.getByTestId('central-saved')).toContainText('Консоль подключена')
    await expect(page.getByTestId('sync-badge')).toContainText('В сети')
    const consoles = page.getByTestId('consoles-table')
    await expect(consoles).toContainText('Абонентский отдел, окно 3')
    await expect(consoles).toContainText('эта консоль')
    await saveScreenshot(page, 'settings-central-service', { fullPage: true })
  })

  test('a brand-new console joins the service on its first screen; staff then sign in with their central accounts', async ({
    page,
    console: c,
    central,
  }) => {
    await page.goto(c.shell.url)
    const form = page.getByTestId('central-form')
    await expect(page.getByTestId('setup-central')).toBeVisible()
    await form.getByLabel('Адрес службы').fill(central.serviceUrl)
    await form.getByTestId('central-ca').setInputFiles({
      name: 'vodokanal-ca.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(central.caPem),
    })
    await form.getByLabel('Название консоли').fill('Касса, окно 1')
    await form.getByLabel('Логин').fill(SUPERVISOR.login)
    await form.getByLabel('Пароль').fill(SUPERVISOR.password)
    await saveScreenshot(page, 'first-run-central-service')
    await page.getByTestId('central-save').click()
    // Enrolled: the sign-in screen, for central accounts.
    const signInForm = page.getByTestId('sign-in-form')
    await expect(signInForm).toBeVisible()
    await signInForm.getByLabel('Логин').fill(SUPERVISOR.login)
    await signInForm.locator('#sign-in-password').fill(SUPERVISOR.password)
    await signInForm.getByRole('button', { name: 'Войти' }).click()
    await expect(page.getByTestId('signed-in-staff')).toContainText(SUPERVISOR.fullName)
    await expect(page.getByTestId('sync-badge')).toContainText('В сети')
    const { rows } = await central.pool.query(`SELECT name, enrolled_by FROM consoles`)
    expect(rows).toEqual([{ name: 'Касса, окно 1', enrolled_by: 'chief' }])
  })

  test('npm run start:browser -- --central URL --central-ca FILE offers that service on the first screen', async ({
    page,
    central,
  }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-cli-'))
    const caFile = join(dataDir, 'vodokanal-ca.pem')
    writeFileSync(caFile, central.caPem)
    // The real command a developer runs, as its own process.
    const shell = spawn(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'src-main/browser-shell/cli.ts',
        '--data-dir',
        dataDir,
        '--port',
        '0',
        '--central',
        central.serviceUrl,
        '--central-ca',
        caFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let printed = ''
        shell.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString()
          const found = /Откройте в браузере: (\S+)/.exec(printed)
          if (found) resolve(found[1]!)
        })
        shell.on('exit', (code) => reject(new Error(`the browser shell exited with ${code}: ${printed}`)))
      })
      await page.goto(url)
      const form = page.getByTestId('central-form')
      await expect(form.getByLabel('Адрес службы')).toHaveValue(central.serviceUrl)
      await expect(form).toContainText('vodokanal-ca.pem')
      await form.getByLabel('Название консоли').fill('Разработчик')
      await form.getByLabel('Логин').fill(SUPERVISOR.login)
      await form.getByLabel('Пароль').fill(SUPERVISOR.password)
      await page.getByTestId('central-save').click()
      await expect(page.getByTestId('sign-in-form')).toBeVisible()
      const { rows } = await central.pool.query(`SELECT name FROM consoles`)
      expect(rows).toEqual([{ name: 'Разработчик' }])
    } finally {
      if (shell.exitCode === null && shell.signalCode === null) {
        const exited = new Promise((resolve) => shell.once('exit', resolve))
        shell.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test('a supervisor revokes a stolen laptop from the consoles list', async ({
    page,
    console: c,
    central,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    // The laptop was enrolled earlier, elsewhere.
    await central.pool.query(`INSERT INTO consoles (id, name, public_key, enrolled_by)
      VALUES ('00000000-0000-4000-8000-0000000000aa', 'Ноутбук контролёра Петрова', 'test-key', 'chief')`)
    await page.getByRole('link', { name: 'Настройки' }).click()
    await fillCentralForm(page, {
      url: central.serviceUrl,
      caPem: central.caPem,
      consoleName: 'Диспетчерская',
    })
    const laptop = page.getByTestId('consoles-table').getByRole('row', { name: /Ноутбук контролёра/ })
    await laptop.getByRole('button', { name: 'Отозвать' }).click()
    await expect(laptop).toContainText('Служба перестанет принимать эту консоль')
    await page.getByTestId('revoke-Ноутбук контролёра Петрова').click()
    await expect(laptop).toContainText('отозвана')
    await saveScreenshot(page, 'consoles-list-revoked', { fullPage: true })
    const { rows } = await central.pool.query(
      `SELECT revoked_by FROM consoles WHERE name = 'Ноутбук контролёра Петрова'`,
    )
    expect(rows).toEqual([{ revoked_by: 'chief' }])

    // Another laptop enrolled meanwhile elsewhere: the list shows it when the screen is shown again.
    await central.pool.query(`INSERT INTO consoles (id, name, public_key, enrolled_by)
      VALUES ('00000000-0000-4000-8000-0000000000bb', 'Ноутбук контролёра Сидоровой', 'test-key-2', 'chief')`)
    await page.getByRole('link', { name: 'Абоненты' }).click()
    await page.getByRole('link', { name: 'Настройки' }).click()
    await expect(page.getByTestId('consoles-table')).toContainText('Ноутбук контролёра Сидоровой')
  })
})

test.describe('the sync badge', () => {
  test.use({
    connectToCentral: false,
    appConfig: {
      syncTiming: { periodicMs: 60_000, backoffMs: { first: 200, max: 1_000 }, heartbeatMs: 1_000 },
    },
  })

  test('tells online, a frozen service (no answer), an outage (no link) and the way back apart', async ({
    page,
    console: c,
    central,
  }) => {
    // The console reaches the service through a relay the test can freeze (a hung server that neither
    // answers nor refuses) or cut (the cable pulled).
    const link = await cuttableLink(central.serviceUrl)
    try {
      await page.goto(c.shell.url)
      const url = link.url.replace(/\/$/, '')
      await fillCentralForm(page, { url, caPem: central.caPem, consoleName: 'Касса, окно 2' })
      const signInForm = page.getByTestId('sign-in-form')
      await signInForm.getByLabel('Логин').fill(SUPERVISOR.login)
      await signInForm.locator('#sign-in-password').fill(SUPERVISOR.password)
      await signInForm.getByRole('button', { name: 'Войти' }).click()
      const badge = page.getByTestId('sync-badge')
      await expect(badge).toContainText('В сети')

      link.freeze()
      await expect(badge).toContainText('Служба не отвечает')
      await expect(badge).not.toContainText('В сети')
      await saveScreenshot(page, 'sync-badge-no-answer')
      link.thaw()
      await expect(badge).toContainText('В сети')

      link.cut()
      await expect(badge).toContainText('Нет связи')
      link.restore()
      await expect(badge).toContainText('В сети')
    } finally {
      await link.close()
    }
  })
})

test.describe('conflicts', () => {
  test('a supervisor sees both values of a reading conflict and keeps the console’s', async ({
    page,
    console: c,
    central,
  }) => {
    const account = anAccount({ id: 1, surname: 'Орлова', firstName: 'Нина' })
    await central.pool.query(
      `INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street, house, apartment,
      house_type, status, opened_on) VALUES (1, $1, $2, 'Орлова', 'Нина', 'Ленинский', 'ул. Ленина', '1', '1', 'mkd',
      'active', '2015-01-01')`,
      [account.number, account.eircNumber],
    )
    await central.pool
      .query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (1, 1, 'СВ-1001', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    await central.pool.query(`INSERT INTO readings (meter_id, period, value_milli, received_at, source)
      VALUES (1, '2026-11', 105000, '2026-11-01T09:00:00Z', 'web')`)
    // Another console sent 107,5 m³ for the same meter and period: the central database kept 105 and raised a conflict.
    await central.pool
      .query(`INSERT INTO applied_commands (command_id, console_id, command, staff_login, outcome)
      VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'readings.record', NULL, 'conflict')`)
    await central.pool
      .query(`INSERT INTO sync_conflicts (kind, entity_key, central_value, console_value, command_id, console_id, raised_by)
      VALUES ('readingValue', 'reading:1:2026-11', '{"valueMilli":105000}', '{"valueMilli":107500,"source":"paper"}',
      '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'clerk7')`)

    await startAsSupervisor(page, c)
    await c.app.sync!.syncNow()
    await expect(page.getByTestId('sync-badge')).toContainText('Конфликтов: 1')
    await page.getByTestId('sync-badge').click()
    const row = page.getByTestId('conflicts').getByRole('row', { name: /Орлова/ })
    await expect(row).toContainText('СВ-1001 (кухня) · ноябрь 2026')
    await expect(row).toContainText('105,000 м³')
    await expect(row).toContainText('107,500 м³')
    await saveScreenshot(page, 'sync-conflicts')
    await row.getByPlaceholder('Комментарий').fill('Сверено с бумажным бланком')
    await row.getByRole('button', { name: 'Принять значение консоли' }).click()
    await expect(page.getByTestId('no-conflicts')).toBeVisible()

    const reading = await central.pool.query(`SELECT value_milli, source FROM readings WHERE meter_id = 1`)
    expect(reading.rows).toEqual([{ value_milli: 107_500, source: 'paper' }])
    const conflict = await central.pool.query(`SELECT resolved_by, resolution FROM sync_conflicts`)
    expect(conflict.rows).toEqual([
      { resolved_by: 'chief', resolution: { keep: 'console', note: 'Сверено с бумажным бланком' } },
    ])
  })
})

test.describe('the live card', () => {
  test('a card open on this console follows a change made elsewhere, and marks it; an edit in progress is kept', async ({
    page,
    console: c,
    central,
  }) => {
    const account = anAccount({ id: 1, surname: 'Орлова', firstName: 'Нина' })
    await central.pool.query(
      `INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street, house, apartment,
      phone, house_type, status, opened_on) VALUES (1, $1, $2, 'Орлова', 'Нина', 'Ленинский', 'ул. Ленина', '1', '1',
      '+7 978 111-11-11', 'mkd', 'active', '2015-01-01')`,
      [account.number, account.eircNumber],
    )
    await startAsSupervisor(page, c)
    await c.app.sync!.syncNow()
    await page.goto(`${c.shell.origin}/#/accounts/1`)
    const phone = page.getByTestId('contacts-form').locator('input[name="phone"]')
    await expect(phone).toHaveValue('+7 978 111-11-11')

    // Another console (or billing) changes the phone: the open card shows it, marked.
    await central.pool.query(`UPDATE accounts SET phone = '+7 978 222-22-22', version = version WHERE id = 1`)
    await expect(phone).toHaveValue('+7 978 222-22-22')
    await expect(page.getByTestId('contact-phone')).toHaveClass(/changed/)

    // While the supervisor edits the email, another change arrives: what they typed stays, and saving
    // meets the stale-version rule instead of overwriting the other change.
    const email = page.getByTestId('contacts-form').locator('input[name="email"]')
    await email.fill('orlova@example.ru')
    await central.pool.query(`UPDATE accounts SET phone = '+7 978 333-33-33' WHERE id = 1`)
    await expect(phone).toHaveValue('+7 978 333-33-33')
    await expect(email).toHaveValue('orlova@example.ru')
    await page
      .getByTestId('contacts-form')
      .getByRole('button', { name: /Сохранить/ })
      .click()
    await expect(page.getByTestId('contacts-form')).toContainText('Счёт уже изменили на другом рабочем месте')
    await expect(email).toHaveValue('orlova@example.ru')
  })
})
