import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileRequest } from '../../scripts/portal/simulator'
import { sampleJpeg } from '../../scripts/portal/sample-documents'
import { centralTest as test, createStaffDirectly, expect, saveScreenshot, signIn } from './fixtures'

const CLERK = { login: 'clerk1', password: 'пароль-специалиста' }

/**
 * Closure and re-registration requests from arrival to the decision
 * (docs/business-rules.md#closure-and-re-registration-requests), in Chromium against a real central service.
 */
test.describe('closure and re-registration requests, to the end', () => {
  test('a clerk takes a website closure request with a PDF, checks it, enters two final readings and prints the decision', async ({
    page,
    console: c,
    central,
  }) => {
    test.slow() // a whole request worked through, every step answered by the central database
    await central.pool.query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic,
      district, street, house, house_type, status, opened_on, email)
      VALUES (1, '40000001', '920100000001', 'Орлова', 'Нина', 'Петровна', 'Гагаринский', 'ул. Вакуленчука', '14',
      'private', 'active', '2015-01-01', 'orlova@mail.ru')`)
    await central.pool
      .query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (11, 1, 'ХВ-0011', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
             (12, 1, 'ГВ-0012', 'ванная', '2020-01-01', '2030-01-01', 5, 'active')`)
    await central.pool.query(
      `INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
        (11, '2026-09', 100000, '2026-09-20T09:00:00Z', 'web'), (12, '2026-09', 40000, '2026-09-20T09:00:00Z', 'web')`,
    )
    await central.pool.query(
      `INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES (1, '2026-10', 'water', 84250)`,
    )
    await central.pool.query(
      `INSERT INTO cabinets (account_id, email, state) VALUES (1, 'orlova@mail.ru', 'active')`,
    )
    const website = await central.pool.connect()
    const requestId = await fileRequest(website, {
      kind: 'closure',
      accountNumber: '40000001',
      applicant: { surname: 'Орлова', firstName: 'Нина' },
      email: 'orlova@mail.ru',
    })
    website.release()
    await createStaffDirectly(c.app, 'clerk', CLERK.login, CLERK.password)
    // The letterhead a supervisor sets in Settings (test values).
    c.app.local.sql
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?), (?, ?)`)
      .run(
        'letterheadAddress',
        JSON.stringify('299011, г. Севастополь, ул. Тестовая, 1'),
        'letterheadPhone',
        JSON.stringify('+7 (8692) 00-00-01'),
      )
    await c.app.sync!.syncNow()

    await page.goto(c.shell.url)
    await signIn(page, CLERK.login, CLERK.password)
    await page.getByRole('link', { name: /Заявки/ }).click()
    const row = page.getByTestId(`request-row-${requestId}`)
    await expect(row).toContainText('Орлова Нина')
    await saveScreenshot(page, 'requests-queue-website')
    await row.click()

    // The account's header beside the request, the PDF's page drawn by pdf.js in the window.
    await expect(page.getByTestId('card-header')).toContainText('Орлова Нина Петровна')
    const viewer = page.getByTestId('document-viewer')
    await expect(viewer.getByTestId('viewer-stage')).toHaveAttribute(
      'data-loaded',
      'договор купли-продажи.pdf',
    )
    await expect(viewer.getByTestId('viewer-page')).toHaveText('стр. 1 из 1')
    await expect(viewer.getByTestId('viewer-pdf-page')).toBeVisible()
    await saveScreenshot(page, 'request-view-pdf')
    // The passport photo, turned with the keyboard.
    await viewer.focus()
    await page.keyboard.press(']')
    await expect(viewer.getByTestId('viewer-stage')).toHaveAttribute('data-loaded', 'паспорт.jpg')
    await page.keyboard.press('r')
    await expect(viewer.getByTestId('viewer-image')).toHaveAttribute('style', /rotate\(90deg\)/)

    // The checklist, then the steps.
    for (const document of ['applicantPassport', 'rightEnded', 'finalReadings'])
      await page.getByTestId(`check-valid-${document}`).click()
    await page.getByTestId('checklist-save').click()
    await expect(page.getByTestId('request-notice')).toContainText('Проверка документов сохранена')
    await page.getByTestId('request-step-in_review').click()
    await expect(page.getByTestId('request-detail')).toContainText('на рассмотрении')
    await page.getByTestId('request-step-approved').click()
    await expect(page.getByTestId('request-completion')).toBeVisible()
    await expect(page.getByTestId('closure-balance')).toContainText('842,50')

    // Completion is refused without the final readings; typed with the keyboard, they are saved.
    await page.getByTestId('request-complete').click()
    await expect(page.getByTestId('completion-problems')).toContainText('ГВ-0012, ХВ-0011')
    await page.locator('#phone-meter-11').focus()
    await page.keyboard.type('112,5')
    await page.keyboard.press('Tab')
    await page.keyboard.type('47')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('final-readings')).toContainText('112,500')
    await expect(page.getByTestId('final-readings')).toContainText('47,000')

    // Nothing irreversible on one click: the first says what will happen, the second does it.
    await page.getByTestId('request-complete').click()
    const confirm = page.getByTestId('completion-confirm')
    await expect(confirm).toContainText('Лицевой счёт № 40000001 будет закрыт с')
    await expect(confirm).toContainText('Счётчики счёта сняты с учёта: 2.')
    await expect(confirm).toContainText('Доступ к личному кабинету по этому счёту будет прекращён.')
    await saveScreenshot(page, 'request-completion-confirm')
    await page.getByTestId('request-complete-confirm').click()
    await expect(page.getByTestId('request-notice')).toContainText('Заявка исполнена')
    await expect(page.getByTestId('request-detail')).toContainText('исполнена')
    // The decision opens in the viewer at once, and downloads as the PDF kept with the request.
    await expect(viewer.getByTestId('viewer-stage')).toHaveAttribute(
      'data-loaded',
      /Закрытие счёта 40000001\.pdf/,
    )
    await saveScreenshot(page, 'request-decision')
    const download = page.waitForEvent('download')
    await page.getByTestId('decision-download').click()
    const pdfPath = await (await download).path()
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
    expect(text).toContain('Уведомление о закрытии лицевого счёта')
    expect(text).toContain('ХВ-0011')
    expect(text).toMatch(/задолженность 842,50 руб\./)
    // An outgoing letter: the utility's address and phone, its number and date, who signs, the stamp.
    expect(text).toContain('299011, г. Севастополь, ул. Тестовая, 1, тел. +7 (8692) 00-00-01')
    expect(text).toMatch(/Исх\. № АО-\d+ от \d\d\.\d\d\.\d{4}/)
    expect(text).toMatch(/Специалист абонентского отдела\s+_+\s+Петров Пётр/)
    expect(text).toContain('М. П.')
    if (process.env.SCREENSHOT_DIR)
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '70',
        '-singlefile',
        pdfPath,
        join(process.env.SCREENSHOT_DIR, 'decision-pdf'),
      ])
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-')

    // The card: closed, cabinet revoked, the request listed and opening.
    await page.goto(`${c.shell.url.split('#')[0]}#/accounts/1`)
    await expect(page.getByTestId('card-status')).toHaveText('Закрыт')
    await expect(page.getByTestId('card-cabinet')).toContainText('отключён')
    await expect(page.getByTestId(`card-request-${requestId}`)).toContainText('исполнена')
    await page.getByTestId(`card-request-open-${requestId}`).click()
    await expect(page.getByTestId('request-detail')).toContainText('исполнена')
  })

  test('a walk-in re-registration with a dropped JPEG is registered, approved and completed', async ({
    page,
    console: c,
    central,
  }) => {
    test.slow()
    await central.pool
      .query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street,
      house, apartment, house_type, status, opened_on) VALUES (2, '40000002', '920100000002', 'Сомов', 'Пётр',
      'Ленинский', 'ул. Ленина', '5', '12', 'mkd', 'active', '2015-01-01')`)
    await central.pool.query(
      `INSERT INTO cabinets (account_id, email, state) VALUES (2, 'somov@mail.ru', 'active')`,
    )
    await central.pool
      .query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (21, 2, 'ХВ-0021', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    await central.pool.query(`INSERT INTO readings (meter_id, period, value_milli, received_at, source)
      VALUES (21, '2026-09', 200000, '2026-09-20T09:00:00Z', 'web')`)
    await createStaffDirectly(c.app, 'clerk', CLERK.login, CLERK.password)
    await c.app.sync!.syncNow()
    await page.goto(c.shell.url)
    await signIn(page, CLERK.login, CLERK.password)
    await page.getByRole('link', { name: /Заявки/ }).click()

    await page.getByTestId('counter-open').click()
    const dialog = page.getByTestId('counter-request')
    await dialog.getByText('Переоформление').click()
    await dialog.getByTestId('counter-account').fill('40000009')
    await expect(dialog.getByTestId('counter-account-owner')).toContainText('40000009 не найден')
    await dialog.getByTestId('counter-account').fill('40000002')
    // Whose the account is, said as it is typed.
    await expect(dialog.getByTestId('counter-account-owner')).toContainText('Сомов Пётр, ул. Ленина, д. 5')
    // Brought in by the owner's wife, not by the owner himself.
    await dialog.getByTestId('counter-surname').fill('Сомова')
    await dialog.getByTestId('counter-first-name').fill('Ирина')
    await dialog.getByTestId('counter-owner-surname').fill('Зуева')
    await dialog.getByTestId('counter-owner-first-name').fill('Алла')
    // A scan dropped on the window, as from the scanner's folder.
    const jpeg = [...sampleJpeg(200, 260)]
    const dropped = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([new Uint8Array(bytes)], 'паспорт Зуевой.jpg', { type: 'image/jpeg' }))
      return transfer
    }, jpeg)
    await dialog.getByTestId('counter-drop').dispatchEvent('dragover', { dataTransfer: dropped })
    await dialog.getByTestId('counter-drop').dispatchEvent('drop', { dataTransfer: dropped })
    await expect(dialog.getByTestId('counter-file-list')).toContainText('паспорт Зуевой.jpg')
    // Another type is refused by name, in Russian, and the form keeps what was typed.
    const wrong = await page.evaluateHandle(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['MZ…'], 'setup.exe', { type: 'application/octet-stream' }))
      return transfer
    })
    await dialog.getByTestId('counter-drop').dispatchEvent('drop', { dataTransfer: wrong })
    await expect(dialog.getByTestId('counter-file-error')).toContainText('«setup.exe» — не PDF, JPEG или PNG')
    await expect(dialog.getByTestId('counter-owner-surname')).toHaveValue('Зуева')
    await saveScreenshot(page, 'request-counter')
    await dialog.getByTestId('counter-request-submit').click()
    await expect(page.getByTestId('counter-registered')).toContainText('Заявка зарегистрирована')

    const row = page.getByTestId('request-queue').locator('tbody tr', { hasText: 'в офисе' })
    await expect(row).toContainText('Сомова Ирина')
    await row.click()
    await expect(page.getByTestId('document-viewer').getByTestId('viewer-stage')).toHaveAttribute(
      'data-loaded',
      'паспорт Зуевой.jpg',
    )
    await expect(page.getByTestId('request-new-owner')).toContainText('Зуева Алла')
    await page.getByTestId('request-step-in_review').click()
    await expect(page.getByTestId('request-detail')).toContainText('на рассмотрении')
    await page.getByTestId('request-step-approved').click()
    await expect(page.getByTestId('owner-surname')).toHaveValue('Зуева')
    await page.getByTestId('owner-patronymic').fill('Игоревна')
    // The new owner pays from the handover readings: refused without them, typed from the application.
    await page.getByTestId('request-complete').click()
    await expect(page.getByTestId('completion-problems')).toContainText(
      'Нет показаний на дату передачи по счётчикам: ХВ-0021',
    )
    await page.locator('#phone-meter-21').focus()
    await page.keyboard.type('215,25')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('final-readings')).toContainText('215,250')
    await expect(page.getByTestId('owner-patronymic')).toHaveValue('Игоревна')
    await page.getByTestId('request-complete').click()
    const confirm = page.getByTestId('completion-confirm')
    await expect(confirm).toContainText('перейдёт к новому владельцу')
    await expect(confirm).toContainText('Зуева Алла Игоревна')
    // Filed by someone other than Сомов, whose account it is: said before anything is done.
    await expect(confirm).toContainText('Заявитель (Сомова Ирина) — не владелец счёта (Сомов Пётр')
    await saveScreenshot(page, 'request-re-registration-confirm')
    await page.getByTestId('request-complete-confirm').click()
    await expect(page.getByTestId('request-notice')).toContainText('Заявка исполнена')
    const download = page.waitForEvent('download')
    await page.getByTestId('decision-download').click()
    const text = execFileSync('pdftotext', ['-layout', await (await download).path(), '-'], {
      encoding: 'utf8',
    })
    expect(text).toContain('Уведомление о переоформлении лицевого счёта')
    expect(text).toMatch(/на дату передачи[^]*№ ХВ-0021 \(кухня\) — 215,250 м³/)
    await expect(page.getByTestId('card-owner')).toHaveText('Зуева Алла Игоревна')
    const owners = await central.pool.query(
      `SELECT surname FROM account_owners WHERE account_id = 2 ORDER BY id`,
    )
    expect(owners.rows.map((r) => r.surname)).toEqual(['Сомов', 'Зуева'])
  })
})
