import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { anAccount, insertAccounts } from '../support/account-builder'
import { createStaffDirectly, expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'

/**
 * The readings register for billing from the supervisor's screen
 * (docs/business-rules.md#reports-exports-and-the-audit-trail): the export asks before it closes the period,
 * shows its progress, arrives as a download in the browser shell (Electron's save dialog in the desktop
 * build), and the period is then closed.
 */
test.describe('the readings register for billing', () => {
  test('a supervisor exports October as XLSX, which closes the period', async ({ page, console: c }) => {
    const db = c.app.local.sql
    insertAccounts(db, [
      anAccount({ id: 1, number: '40000001', eircNumber: '920100000001' }),
      anAccount({ id: 2, number: '40000002', eircNumber: '920100000002' }),
    ])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 2, 'СВ-2', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-09', 100000, '2026-09-25T09:00:00Z', 'paper'), (1, '2026-10', 104500, '2026-10-01T09:00:00Z', 'web'),
      (2, '2026-07', 50000, '2026-07-01T09:00:00Z', 'web')`)
    await setUpFirstSupervisor(page, c.shell)
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.getByTestId('period-link').click()
    await page.getByTestId('period-input').click()
    await page.getByRole('option', { name: 'октябрь 2026' }).click()
    await expect(page.getByTestId('period-coverage')).toContainText('1 из 2')

    await page.getByTestId('register-export-button').click()
    await expect(page.getByTestId('close-confirm')).toContainText('закроет период октябрь 2026')
    await saveScreenshot(page, 'register-confirm')
    const downloading = page.waitForEvent('download')
    await page.getByTestId('close-confirm-button').click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('Реестр показаний 2026-10.xlsx')
    await expect(page.getByTestId('export-done')).toContainText('Реестр показаний 2026-10.xlsx')
    await expect(page.getByTestId('period-closure')).toContainText('Период закрыт')

    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await download.path())
    const readings = book.getWorksheet('Показания')!
    expect(readings.getRow(2).getCell(1).value).toBe('40000001')
    expect(readings.getRow(2).getCell(6).value).toBeCloseTo(4.5, 6)
    expect(book.getWorksheet('Без показаний')!.getRow(2).getCell(5).value).toBe(3)
    await saveScreenshot(page, 'register-exported')

    // A clerk's paper form stamped in October now goes to November, late.
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.locator('#batch-received-on').fill('01.10.2026')
    await expect(page.getByTestId('stamp-late')).toContainText(
      'Период этого штампа уже закрыт: показания пойдут за ноябрь 2026 с отметкой «поздно»',
    )
  })
})

test.describe('closing a period early', () => {
  test('the month still collecting readings closes only after a confirmation with a reason', async ({
    page,
    console: c,
  }) => {
    insertAccounts(c.app.local.sql, [anAccount({ id: 1, number: '40000001' })])
    await setUpFirstSupervisor(page, c.shell)
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.getByTestId('period-link').click()
    // The screen opens on the month the clock is in, which always collects until the 2nd of the next.
    await expect(page.getByTestId('period-closure')).toContainText('Период открыт')
    await page.getByTestId('close-period').click()
    const confirm = page.getByTestId('close-confirm')
    await expect(confirm).toContainText('ещё собирает показания до')
    await expect(confirm).toContainText('закрыть досрочно?')
    // Without a reason nothing closes, and the field says what it lacks.
    await page.getByTestId('close-confirm-button').click()
    await expect(page.getByTestId('early-reason-missing')).toBeVisible()
    await expect(page.getByTestId('period-closure')).toContainText('Период открыт')
    await page.getByTestId('early-reason').fill('биллинг попросил реестр раньше')
    await saveScreenshot(page, 'period-close-early')
    await page.getByTestId('close-confirm-button').click()
    await expect(page.getByTestId('period-closure')).toContainText('Период закрыт')
    await expect(confirm).toBeHidden()
  })
})

test.describe('reports', () => {
  test('a supervisor reads coverage with its trend, narrows it to a district, and prints it as a PDF', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    insertAccounts(db, [
      anAccount({ id: 1, number: '40000001', district: 'Гагаринский' }),
      anAccount({ id: 2, number: '40000002', district: 'Ленинский' }),
    ])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 2, 'СВ-2', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    const period = (back: number) => {
      const d = new Date()
      d.setUTCDate(15)
      d.setUTCMonth(d.getUTCMonth() - back)
      return d.toISOString().slice(0, 7)
    }
    // Readings every month for the first account, every other month for the second.
    const add = db.prepare(
      `INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES (?, ?, ?, ?, ?)`,
    )
    for (let back = 12; back >= 1; back--) {
      add.run(1, period(back), (20 - back) * 1000, `${period(back)}-01T09:00:00Z`, back % 3 ? 'web' : 'paper')
      if (back % 2) add.run(2, period(back), (20 - back) * 1000, `${period(back)}-01T09:00:00Z`, 'phone')
    }
    await setUpFirstSupervisor(page, c.shell)
    await page.getByRole('link', { name: 'Отчёты' }).click()
    await expect(page.getByTestId('report-title')).toContainText('Охват показаниями за')
    await expect(page.getByTestId('report-chart')).toContainText('Охват показаниями по периодам')
    await expect(page.getByTestId('report-section').first()).toContainText('Всего')
    await saveScreenshot(page, 'reports-coverage')

    await page.getByTestId('report-district').click()
    await page.getByRole('option', { name: 'Ленинский' }).click()
    await expect(page.getByTestId('report-section').first()).not.toContainText('Гагаринский')
    const downloading = page.waitForEvent('download')
    await page.getByTestId('report-export-pdf').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^Охват показаниями \d{4}-\d{2}\.pdf$/)
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' })
    expect(text).toContain('Район: Ленинский')
    expect(text).toContain('По периодам')
    await expect(page.getByTestId('export-done')).toBeVisible()
    // The printed page as a picture, to look at (npm run screenshots).
    if (process.env.SCREENSHOT_DIR)
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '70',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        await download.path(),
        `${process.env.SCREENSHOT_DIR}/report-pdf`,
      ])

    // The same report as XLSX: real numbers under the filters' district.
    const xlsxDownload = page.waitForEvent('download')
    await page.getByTestId('report-export-xlsx').click()
    const xlsx = await xlsxDownload
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await xlsx.path())
    const districts = book.getWorksheet('По районам')!
    expect(districts.getRow(2).getCell(1).value).toBe('Ленинский')
    expect(typeof districts.getRow(2).getCell(2).value).toBe('number')

    // Each report, looked at.
    for (const [tab, title, shot] of [
      ['Поздние и отмеченные', 'Поздние и отмеченные показания', 'reports-late'],
      ['Без показаний', 'Лицевые счета без показаний', 'reports-silent'],
      ['Регистрации', 'Регистрации в личном кабинете', 'reports-registrations'],
      ['Заявки и обращения', 'Заявки и обращения', 'reports-requests-questions'],
    ] as const) {
      await page.getByTestId('report-picker').getByText(tab, { exact: true }).click()
      await expect(page.getByTestId('report-title')).toContainText(title)
      await saveScreenshot(page, shot, { fullPage: true })
    }
  })
})

test.describe('the audit trail', () => {
  test('a supervisor reads the Журнал in words, filters it by account and exports it', async ({
    page,
    console: c,
  }) => {
    insertAccounts(c.app.local.sql, [anAccount({ id: 1, number: '40000001', phone: '+7 978 111-22-33' })])
    await setUpFirstSupervisor(page, c.shell)
    await page.goto(`${c.shell.url.split('?')[0]}#/accounts/1`)
    const form = page.getByTestId('contacts-form')
    await form.getByLabel('Телефон').fill('8 (978) 700-11-22')
    await form.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page.getByTestId('contacts-saved')).toBeVisible()

    await page.getByRole('link', { name: 'Журнал' }).click()
    const table = page.getByTestId('audit-table')
    // The supervisor is Марина Петровна: the verb agrees with her.
    const edit = table.getByRole('row', { name: /изменила контакты/ })
    await expect(edit).toContainText('Иванова Марина Петровна')
    await expect(edit).toContainText('ЛС 40000001')
    await expect(edit).toContainText('телефон:')
    await expect(edit).toContainText('+7 978 111-22-33')
    await page.getByTestId('audit-account').fill('40000001')
    await page.getByTestId('audit-account').press('Enter')
    await expect(table.locator('tbody tr')).toHaveCount(1)
    await saveScreenshot(page, 'audit-readable')
    const downloading = page.waitForEvent('download')
    await page.getByTestId('audit-export-csv').click()
    const csv = readFileSync(await (await downloading).path(), 'utf8')
    expect(csv).toContain('изменила контакты;ЛС 40000001')
  })
})
