import { URL } from 'node:url'
import { anAccount } from '../support/account-builder'
import { centralTest as test, expect, saveScreenshot, setUpFirstSupervisor } from './fixtures'

test.describe('the central database set on the settings screen', () => {
  test.use({ connectToCentral: false })

  test('a supervisor enters the address: a wrong password is refused in Russian, the right one connects', async ({
    page,
    console: c,
    central,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await expect(page.getByTestId('sync-badge')).toContainText('Только локальная база')
    await page.getByRole('link', { name: 'Настройки' }).click()
    const form = page.getByTestId('central-form')
    await expect(page.getByTestId('central-state')).toContainText('не настроена')

    const url = new URL(central.url)
    await form.getByLabel('Сервер').fill(url.hostname)
    await form.getByLabel('Порт').fill(url.port)
    await form.getByLabel('База данных').fill(decodeURIComponent(url.pathname.slice(1)))
    await form.getByLabel('Пользователь').fill('no_such_user')
    await form.getByLabel('Пароль').fill('неверный')
    await page.getByTestId('central-save').click()
    await expect(form).toContainText('Сервер отказал во входе')
    // Nothing typed is lost: the address is still there to correct.
    await expect(form.getByLabel('Сервер')).toHaveValue(url.hostname)

    await form.getByLabel('Пользователь').fill(decodeURIComponent(url.username))
    await form.getByLabel('Пароль').fill(decodeURIComponent(url.password) || 'postgres')
    await page.getByTestId('central-save').click()
    await expect(page.getByTestId('central-saved')).toContainText('Соединение проверено и сохранено')
    await expect(page.getByTestId('sync-badge')).toContainText('В сети')
    await saveScreenshot(page, 'settings-central-database')
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

    await setUpFirstSupervisor(page, c.shell)
    await c.app.sync!.syncNow()
    await expect(page.getByTestId('sync-badge')).toContainText('Конфликтов: 1')
    await page.getByTestId('sync-badge').click()
    const row = page.getByTestId('conflicts').getByRole('row', { name: /Орлова/ })
    await expect(row).toContainText('СВ-1001 (кухня) · 2026-11')
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
