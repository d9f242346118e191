import { anAccount, insertAccounts } from '../support/account-builder'
import { seedLocalDatabase } from '../../src-main/seed/seed-local'
import {
  createStaffDirectly,
  expect,
  invokeFromPage,
  saveScreenshot,
  setUpFirstSupervisor,
  signIn,
  test,
} from './fixtures'

test.describe('account search and card', () => {
  test.beforeEach(async ({ page, console: c }) => {
    // Realistic neighbours from the demo generator, plus the accounts the test is about.
    seedLocalDatabase(c.app.local.sql, { count: 300, seed: 5, untilPeriod: '2026-10', months: 24 })
    insertAccounts(c.app.local.sql, [
      anAccount({
        id: 9001,
        number: '50000001',
        eircNumber: '920199990001',
        surname: 'Шевчук',
        firstName: 'Алла',
        patronymic: 'Игоревна',
        street: 'ул. Пожарова',
        house: '20',
        apartment: '15',
        phone: '+7 978 555-12-34',
      }),
      anAccount({
        id: 9002,
        number: '50000002',
        eircNumber: '920199990002',
        surname: 'Шевчук',
        firstName: 'Богдан',
        patronymic: 'Ильич',
        street: 'ул. Частника',
        house: '44',
        apartment: null,
        houseType: 'private',
        status: 'closed',
      }),
    ])
    // Шевчук Алла's meter has one reading so far: no consumption to chart yet.
    c.app.local.sql
      .exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (90011, 9001, 'СВ-90011', 'кухня', '2026-09-01', '2032-09-01', 5, 'active')`)
    c.app.local.sql.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source)
      VALUES (90011, '2026-10', 3000, '2026-10-01T09:00:00Z', 'paper')`)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'operator', 'operator1', 'пароль-оператора')
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
  })

  test('an operator finds an account by surname with the keyboard only and sees no edit controls', async ({
    page,
    console: c,
  }) => {
    await signIn(page, 'operator1', 'пароль-оператора')
    await page.keyboard.press('Control+k')
    await expect(page.getByTestId('account-search')).toBeFocused()
    await page.keyboard.type('шевчук')
    const rows = page.getByTestId('search-results').locator('tbody tr')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(1)).toContainText('Закрыт')
    await saveScreenshot(page, 'account-search')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')

    await expect(page.getByTestId('card-owner')).toHaveText('Шевчук Алла Игоревна')
    await expect(page.getByTestId('card-number')).toHaveText('50000001')
    await expect(page.getByTestId('card-eirc')).toHaveText('920199990001')
    await expect(page.getByTestId('contacts-form')).toHaveCount(0)
    const edit = await invokeFromPage(page, 'accounts.updateContacts', {
      accountId: 9001,
      expectedVersion: 1,
      phone: '+7 978 000-00-00',
      email: '',
      street: 'ул. Пожарова',
      house: '20',
      building: '',
      apartment: '15',
    })
    expect(edit).toEqual({ ok: false, error: { code: 'FORBIDDEN' } })
    const phone = c.app.local.sql.prepare('SELECT phone FROM accounts WHERE id = 9001').get()
    expect(phone).toEqual({ phone: '+7 978 555-12-34' })
  })

  test('a clerk finds an account by address, edits the phone and sees it in the history', async ({
    page,
  }) => {
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.keyboard.press('F3')
    await expect(page.getByTestId('account-search')).toBeFocused()
    await page.keyboard.type('Пожарова 20 15')
    await expect(page.getByTestId('search-results').locator('tbody tr').first()).toContainText('50000001')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('card-owner')).toHaveText('Шевчук Алла Игоревна')
    // One reading is no consumption: the card says so instead of drawing an empty 0–1 axis.
    await expect(page.getByTestId('chart-empty')).toContainText('нужны хотя бы два показания подряд')

    const form = page.getByTestId('contacts-form')
    await form.getByLabel('Телефон').fill('8 (978) 700-11-22')
    await form.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page.getByTestId('contacts-saved')).toBeVisible()
    // Contacts are shown once, in the form the clerk edits them in.
    await expect(form.getByLabel('Телефон')).toHaveValue('8 (978) 700-11-22')
    await expect(page.getByTestId('card-phone')).toHaveCount(0)
    await expect(page.getByTestId('card-history')).toContainText('изменил контакты')
    await expect(page.getByTestId('card-history')).toContainText('+7 978 555-12-34')
    await saveScreenshot(page, 'account-card-edited', { fullPage: true })

    // A wrong email is refused with a Russian message and the typed text stays.
    await form.getByLabel('Эл. почта').fill('не почта')
    await form.getByRole('button', { name: 'Сохранить' }).click()
    await expect(form.getByTestId('form-error')).toContainText('Проверьте заполнение полей: Эл. почта')
    await expect(form.getByLabel('Эл. почта')).toHaveValue('не почта')

    await page.keyboard.press('Control+k')
    await expect(page.getByTestId('account-search')).toBeFocused()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('+7 978 700 11 22')
    await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(1)
  })

  test('Ctrl+K selects the last query so typing replaces it, Esc clears to the recently opened accounts; the next person sees nothing of the last one', async ({
    page,
  }) => {
    await signIn(page, 'operator1', 'пароль-оператора')
    await page.keyboard.press('Control+k')
    await expect(page.getByTestId('account-search')).toBeFocused()
    await page.keyboard.type('шевчук')
    await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(2)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('card-owner')).toHaveText('Шевчук Алла Игоревна')
    // The next caller: Ctrl+K, and what is typed replaces the last query instead of joining it.
    await page.keyboard.press('Control+k')
    await expect(page.getByTestId('account-search')).toBeFocused()
    await page.keyboard.type('50000002')
    await expect(page.getByTestId('account-search')).toHaveValue('50000002')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('account-search')).toHaveValue('')
    // An empty box lists the accounts this person opened: a caller ringing back is one Enter away.
    await expect(page.getByTestId('recent-accounts')).toContainText('Шевчук Алла Игоревна')
    await saveScreenshot(page, 'account-search-recent')
    await page.keyboard.type('шевчук')
    await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(2)

    // Someone else signs in on this console: no query, no results, no card of the previous person.
    await page.getByTestId('sign-out').click()
    // The login waits with the cursor in it: the next person types at once.
    await expect(page.getByTestId('sign-in-form').locator('input[name="login"]')).toBeFocused()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.keyboard.press('Control+k')
    await expect(page.getByTestId('account-search')).toHaveValue('')
    await expect(page.getByTestId('search-results')).toHaveCount(0)
    await expect(page.getByTestId('recent-accounts')).toHaveCount(0)
    await expect(page.getByText('Шевчук')).toHaveCount(0)
  })

  test('says so when the query is empty or finds nothing', async ({ page }) => {
    await signIn(page, 'operator1', 'пароль-оператора')
    await page.getByTestId('account-search').fill('%%%')
    await expect(page.getByTestId('search-message')).toContainText('Введите номер лицевого счёта')
    await page.getByTestId('account-search').fill('Несуществующаяфамилия')
    await expect(page.getByTestId('search-message')).toContainText('Ничего не найдено')
    // A list found before does not stay on screen as if it answered a query too long to be one.
    await page.getByTestId('account-search').fill('Шевчук')
    await expect(page.getByTestId('search-results')).toBeVisible()
    await page.getByTestId('account-search').fill('Шевчук '.repeat(30))
    await expect(page.getByTestId('search-message')).toContainText('Запрос длиннее 200 знаков (сейчас 210)')
    await expect(page.getByTestId('search-results')).toHaveCount(0)
  })

  test('shows a private house with its charges and balance, and an apartment with its cabinet and reset link', async ({
    page,
    console: c,
  }) => {
    const house = c.app.local.sql
      .prepare(
        `SELECT a.id FROM accounts a WHERE house_type = 'private' AND status = 'active'
        AND EXISTS (SELECT 1 FROM charges WHERE account_id = a.id) ORDER BY id LIMIT 1`,
      )
      .get() as { id: number }
    await signIn(page, 'operator1', 'пароль-оператора')
    await page.goto(`${c.shell.origin}/#/accounts/${house.id}`)
    await expect(page.getByTestId('card-billing')).toContainText(/Задолженность|Переплата/)
    await expect(page.getByTestId('card-meters')).toBeVisible()
    await expect(page.getByTestId('card-requests')).toBeVisible()
    await expect(page.getByTestId('card-questions')).toBeVisible()
    await saveScreenshot(page, 'account-card-private-house', { fullPage: true })

    const flat = c.app.local.sql
      .prepare(
        `SELECT a.id FROM accounts a JOIN cabinets c ON c.account_id = a.id WHERE house_type = 'mkd'
        AND a.status = 'active' AND c.state = 'active' AND (SELECT count(*) FROM meters WHERE account_id = a.id) > 1
        ORDER BY a.id LIMIT 1`,
      )
      .get() as { id: number }
    await page.goto(`${c.shell.origin}/#/accounts/${flat.id}`)
    await expect(page.getByTestId('card-cabinet')).toContainText('активен')
    await expect(page.getByRole('button', { name: 'Отправить ссылку для сброса пароля' })).toBeDisabled()
    await page.getByLabel('Звонящий назвал фамилию владельца и адрес').check()
    await page.getByRole('button', { name: 'Отправить ссылку для сброса пароля' }).click()
    await expect(page.getByTestId('reset-sent')).toContainText('поставлена в очередь')
    await saveScreenshot(page, 'account-card-apartment', { fullPage: true })
  })
})

test.describe('readings by phone', () => {
  test('from the search box to a saved phone reading without the mouse; section keys and the key list', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    insertAccounts(db, [anAccount({ id: 1, number: '40000001', surname: 'Тихонова', firstName: 'Вера' })])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web')`)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'operator', 'operator1', 'пароль-оператора')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'operator1', 'пароль-оператора')

    await page.keyboard.press('Control+k')
    await expect(page.getByTestId('account-search')).toBeFocused()
    await page.keyboard.type('40000001')
    await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(1)
    await page.keyboard.press('Enter')
    // The card opens with the cursor in the first meter's reading.
    await expect(page.locator('#phone-meter-1')).toBeFocused()
    await page.keyboard.type('104,5')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('phone-saved')).toContainText('Принято показаний: 1')

    await expect(page.getByTestId('card-keys')).toContainText('Alt+Shift+1 — показание по телефону')
    // Outside a field, "?" (or F1 anywhere) lists every key of the card and of the console.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('?')
    const help = page.getByTestId('help-panel')
    await expect(help).toContainText('Ctrl+P')
    await expect(help).toContainText('Alt+Shift+1…6')
    await saveScreenshot(page, 'account-card-keys')
    await page.keyboard.press('Escape')
    await expect(help).toBeHidden()
    await page.keyboard.press('Alt+Shift+1')
    await expect(page.locator('#phone-meter-1')).toBeFocused()
    await expect(page.getByTestId('card-print')).toBeVisible()
  })

  test('an operator takes a reading on the account card; a spike needs the confirmation tick', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    insertAccounts(db, [anAccount({ id: 1, number: '40000001', surname: 'Тихонова', firstName: 'Вера' })])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 1, 'СВ-2', 'ванная', '2020-01-01', '2030-01-01', 5, 'active')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-09', 95000, '2026-09-01T09:00:00Z', 'web'), (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web'),
      (2, '2026-10', 50000, '2026-10-01T09:00:00Z', 'web')`)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'operator', 'operator1', 'пароль-оператора')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'operator1', 'пароль-оператора')
    await page.goto(`${c.shell.origin}/#/accounts/1`)

    const panel = page.getByTestId('phone-readings')
    // Enter moves from the kitchen to the bathroom, as on the batch screen; only the last one saves.
    await panel.locator('#phone-meter-1').click()
    await page.keyboard.type('101')
    await page.keyboard.press('Enter')
    await expect(panel.locator('#phone-meter-2')).toBeFocused()
    await expect(panel.getByTestId('phone-saved')).toHaveCount(0)
    // A warning on one meter and an error on the other: both are named, each by its meter.
    await panel.locator('#phone-meter-1').fill('190')
    await panel.locator('#phone-meter-2').fill('40')
    await expect(panel).toContainText('расход намного выше обычного')
    await panel.getByRole('button', { name: 'Принять показания' }).click()
    const blockers = panel.getByTestId('phone-blockers')
    await expect(blockers).toContainText(
      'кухня · СВ-1: расход намного выше обычного — отметьте «Абонент подтвердил значения»',
    )
    await expect(blockers).toContainText('ванная · СВ-2: меньше предыдущего показания')
    await expect(panel.locator('#phone-meter-1')).toHaveValue('190')
    await panel.locator('#phone-meter-2').fill('')
    await panel.getByLabel('Абонент подтвердил значения, предупреждения проверены').check()
    await panel.getByRole('button', { name: 'Принять показания' }).click()
    await expect(panel.getByTestId('phone-saved')).toContainText('Принято показаний: 1')
    const saved = db
      .prepare(
        `SELECT value_milli, source, flags, entered_by IS NOT NULL AS who FROM readings WHERE meter_id = 1 ORDER BY period DESC LIMIT 1`,
      )
      .get()
    expect(saved).toEqual({ value_milli: 190_000, source: 'phone', flags: '["spike"]', who: 1 })

    // The subscriber misspoke: corrected at once, the panel already knows this period's reading.
    await expect(panel).toContainText('пред.: 100,000')
    await panel.locator('#phone-meter-1').fill('109')
    await expect(panel).toContainText('за период уже есть показание 190,000')
    await panel.getByRole('button', { name: 'Принять показания' }).click()
    await expect(panel.getByTestId('phone-blockers')).toContainText('отметьте «Абонент подтвердил значения»')
    await panel.getByLabel('Абонент подтвердил значения, предупреждения проверены').check()
    await panel.getByRole('button', { name: 'Принять показания' }).click()
    await expect(panel.getByTestId('phone-blockers')).toContainText('укажите причину замены')
    await panel.getByTestId('phone-reason').fill('абонент оговорился')
    await panel.getByRole('button', { name: 'Принять показания' }).click()
    await expect(panel.getByTestId('phone-saved')).toContainText('Принято показаний: 1')
    expect(
      db
        .prepare(`SELECT value_milli FROM readings WHERE meter_id = 1 ORDER BY period DESC LIMIT 1`)
        .pluck()
        .get(),
    ).toBe(109_000)
  })
})
