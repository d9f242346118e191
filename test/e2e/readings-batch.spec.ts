import type { Page } from '@playwright/test'
import { aMeter, anAccount, insertAccounts, insertMeters, insertReadings } from '../support/account-builder'
import {
  createStaffDirectly,
  expect,
  saveScreenshot,
  setUpFirstSupervisor,
  signIn,
  SUPERVISOR,
  test,
} from './fixtures'

/** A batch form's values as last saved as a draft (drafts are saved shortly after each key). */
const draftOf = (c: { app: { local: { sql: import('better-sqlite3').Database } } }, position: number) =>
  c.app.local.sql
    .prepare(`SELECT values_json FROM reading_batch_forms WHERE position = ?`)
    .pluck()
    .get(position)

test.describe('paper-form batch entry', () => {
  test.beforeEach(async ({ page, console: c }) => {
    const db = c.app.local.sql
    insertAccounts(db, [
      anAccount({ id: 1, number: '40000001', surname: 'Орлова', firstName: 'Нина', patronymic: 'Петровна' }),
      anAccount({ id: 2, number: '40000002', surname: 'Беляев', firstName: 'Олег' }),
      anAccount({ id: 3, number: '40000003', surname: 'Закрытов', firstName: 'Иван', status: 'closed' }),
      anAccount({ id: 4, number: '40000004', surname: 'Двухсчётчикова', firstName: 'Анна' }),
    ])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 1, 'СВ-2', 'ванная', '2016-01-01', '2022-01-01', 5, 'active'),
      (3, 2, 'СВ-3', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (4, 3, 'СВ-4', 'кухня', '2020-01-01', '2030-01-01', 5, 'removed'),
      (5, 4, 'СВ-5', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (6, 4, 'СВ-6', 'ванная', '2020-01-01', '2030-01-01', 5, 'active')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-09', 95000, '2026-09-01T09:00:00Z', 'web'), (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web'),
      (2, '2026-10', 99998000, '2026-10-01T09:00:00Z', 'web'),
      (3, '2026-09', 45000, '2026-09-01T09:00:00Z', 'web'), (3, '2026-10', 50000, '2026-10-01T09:00:00Z', 'web'),
      (6, '2026-10', 10000, '2026-10-01T09:00:00Z', 'web')`)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
  })

  async function typeAccount(page: Page, number: string) {
    await page.keyboard.type(number)
    await page.keyboard.press('Enter')
  }

  test('types forms with the keyboard only, survives a reload mid-batch, and sums the batch up', async ({
    page,
    console: c,
  }) => {
    // The stamp is a Russian date: a click selects it, typing replaces it and the dots come by
    // themselves; what is not a real date up to today is named and leaves the field with no date, so
    // the batch never opens with the one shown before.
    const stamp = page.locator('#batch-received-on')
    await stamp.click()
    await page.keyboard.type('02122062')
    await expect(stamp).toHaveValue('02.12.2062')
    await expect(page.locator('#batch-received-on-problem')).toContainText('Не позже')
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#batch-received-on-problem')).toContainText('Не позже')
    await expect(page.locator('#form-0-account')).toHaveCount(0)
    await stamp.click()
    await page.keyboard.type('31112026')
    await expect(page.locator('#batch-received-on-problem')).toHaveText('Такой даты нет')
    await saveScreenshot(page, 'readings-batch-stamp-no-such-date')
    // A stamp older than 45 days is questioned before the batch opens.
    await stamp.click()
    await page.keyboard.type('01092026')
    await expect(stamp).toHaveValue('01.09.2026')
    await expect(page.locator('#batch-received-on-problem')).toHaveCount(0)
    await expect(page.getByTestId('stamp-stale')).toContainText('Штампу больше 45 дней')
    // Or picked in the calendar, which opens on the month typed.
    await page.getByRole('button', { name: 'Выбрать в календаре' }).click()
    await page
      .locator('.p-datepicker-day-cell:not(.p-datepicker-other-month) .p-datepicker-day', { hasText: /^2$/ })
      .click()
    await expect(stamp).toHaveValue('02.09.2026')
    await page.locator('#batch-received-on').fill('02.11.2026')
    await expect(page.getByTestId('stamp-stale')).toBeHidden()
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#form-0-account')).toBeFocused()
    await expect(page.getByTestId('batch-period')).toHaveText('Показания пойдут за ноябрь 2026')

    // Form 1: a roll-over on the bathroom meter, confirmed with Ctrl+Enter; the overdue verification is only
    // flagged.
    await typeAccount(page, '40000001')
    await expect(page.getByTestId('batch-form-0')).toContainText('Орлова Нина Петровна')
    await expect(page.locator('#form-0-meter-1')).toBeFocused()
    await page.keyboard.type('99')
    await expect(page.getByTestId('findings-0-1')).toContainText('меньше предыдущего показания')
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-0-meter-1')).toBeFocused()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('105,5')
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-0-meter-2')).toBeFocused()
    await page.keyboard.type('2')
    await expect(page.getByTestId('findings-0-2')).toContainText(
      'переход счётчика через ноль — Ctrl+Enter — подтвердить',
    )
    await expect(page.getByTestId('findings-0-2')).toContainText('просрочена поверка')
    await saveScreenshot(page, 'readings-batch-warning')
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-0-meter-2')).toBeFocused()
    await page.keyboard.press('Control+Enter')
    await expect(page.getByTestId('batch-form-0')).toContainText('сохранён')
    await expect(page.locator('#form-1-account')).toBeFocused()

    // Form 2: typed halfway when the window closes.
    // Typed straight on without waiting for the meters to appear: nothing lands in the wrong field.
    await typeAccount(page, '40000002')
    await page.keyboard.type('55')
    await expect(page.locator('#form-1-meter-3')).toHaveValue('55')
    await expect(page.locator('#form-1-account')).toHaveValue('40000002')
    await expect.poll(() => draftOf(c, 1)).toContain('"value":"55"')
    await page.reload()
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await expect(page.locator('#form-1-account')).toHaveValue('40000002')
    await page.locator('#form-1-account').focus()
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-1-meter-3')).toHaveValue('55')
    await page.locator('#form-1-meter-3').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('batch-form-1')).toContainText('сохранён')

    // Form 3: an unknown account stays in the batch, unresolved, as typed; the next keys start form 4.
    await typeAccount(page, '49999999')
    await expect(page.getByTestId('batch-form-2')).toContainText('не найден')
    await expect(page.getByTestId('batch-form-2')).toContainText('не разобран')

    // Form 4: a closed account, unresolved too.
    await typeAccount(page, '40000003')
    await expect(page.getByTestId('batch-form-3')).toContainText('Лицевой счёт закрыт')
    await expect(page.getByTestId('batch-form-3')).toContainText('не разобран')
    await expect(page.locator('#form-4-account')).toBeFocused()

    // Form 5: the kitchen left blank on paper — Enter asks, «-» says "not passed", never a zero.
    await typeAccount(page, '40000004')
    await expect(page.locator('#form-4-meter-5')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('asking-4-5')).toHaveText('Не передано? «-» — да, или введите показание')
    await saveScreenshot(page, 'readings-batch-blank-meter')
    await page.keyboard.press('-')
    await expect(page.getByTestId('findings-4-5')).toContainText('не передано')
    await expect(page.locator('#form-4-meter-6')).toBeFocused()
    // "-5" is a negative reading, refused where it stands: never "not passed" and a phantom form "5".
    await page.keyboard.press('-')
    await page.keyboard.type('5')
    await expect(page.getByTestId('findings-4-6')).toContainText('показание не может быть отрицательным')
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-4-meter-6')).toBeFocused()
    await expect(page.locator('#form-4-meter-6')).toHaveValue('-5')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')
    // The bathroom's reading is lower than the last one: Enter is held back, F8 sets the form aside.
    await page.keyboard.type('1')
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-4-meter-6')).toBeFocused()
    await expect(page.locator('#form-4-meter-6')).toHaveClass(/refused-key/)
    await page.keyboard.press('F8')
    await expect(page.getByTestId('batch-form-4')).toContainText(
      'Бланк отложен (меньше предыдущего показания)',
    )
    await expect(page.locator('#form-5-account')).toBeFocused()
    await saveScreenshot(page, 'readings-batch-set-aside')

    await expect(page.getByTestId('batch-counts')).toHaveText('сохранено: 2, не разобрано: 2, отложено: 1')
    // Finishing with a half-typed form asks about it too.
    await page.keyboard.type('40000002')
    await page.getByTestId('batch-finish').click()
    await expect(page.getByTestId('finish-dialog')).toContainText('Недопечатанных бланков: 1')
    await expect(page.getByTestId('finish-dialog')).toContainText('Неразобранных и отложенных бланков: 3')
    await saveScreenshot(page, 'readings-batch-finish')
    await page.getByTestId('finish-confirm').click()
    await expect(page.getByTestId('batch-summary')).toContainText(
      'бланков 6 — сохранено 2, не разобрано 2, отложено 2, выброшено 0; показаний принято 3, не передано 0, подтверждено предупреждений 1',
    )
    const saved = c.app.local.sql
      .prepare(
        `SELECT meter_id, period, value_milli, late, flags FROM readings WHERE period = '2026-11' ORDER BY meter_id`,
      )
      .all()
    expect(saved).toEqual([
      { meter_id: 1, period: '2026-11', value_milli: 105_500, late: 0, flags: null },
      {
        meter_id: 2,
        period: '2026-11',
        value_milli: 2_000,
        late: 0,
        flags: '["rollOver","verificationOverdue"]',
      },
      { meter_id: 3, period: '2026-11', value_milli: 55_000, late: 0, flags: null },
    ])
  })
})

test.describe('a stack of twenty paper forms', () => {
  /** Account n is 4000000n; meter n*10+k is its k-th meter. Every problem docs/business-rules.md#meter-readings names has a form. */
  test.beforeEach(async ({ page, console: c }) => {
    const db = c.app.local.sql
    insertAccounts(
      db,
      Array.from({ length: 20 }, (_, i) =>
        anAccount({ id: i + 1, surname: 'Абонентов', status: i + 1 === 7 ? 'closed' : 'active' }),
      ),
    )
    insertMeters(db, [
      aMeter({ id: 11, accountId: 1 }),
      aMeter({ id: 12, accountId: 1, place: 'ванная' }),
      ...[2, 3, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((n) =>
        aMeter({ id: n * 10 + 1, accountId: n }),
      ),
      aMeter({ id: 51, accountId: 5, verificationDue: '2022-01-01' }),
      aMeter({ id: 82, accountId: 8, place: 'ванная', status: 'removed', removedOn: '2026-03-01' }),
    ])
    insertReadings(db, 11, { '2026-09': 95, '2026-10': 100 })
    insertReadings(db, 12, { '2026-09': 50, '2026-10': 52 })
    insertReadings(db, 21, { '2026-08': 200, '2026-09': 205, '2026-10': 210 })
    insertReadings(db, 31, { '2026-10': 99_998 })
    insertReadings(db, 41, { '2026-08': 100, '2026-09': 105, '2026-10': 110 })
    insertReadings(db, 51, { '2026-10': 10 })
    insertReadings(db, 61, { '2026-10': 30, '2026-11': 33 })
    insertReadings(db, 81, { '2026-10': 40 })
    insertReadings(db, 82, { '2026-02': 70 })
    insertReadings(db, 101, { '2026-08': 60, '2026-09': 60, '2026-10': 60 })
    for (const n of [11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
      insertReadings(db, n * 10 + 1, { '2026-09': 10, '2026-10': 13 })
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
  })

  async function openReadings(page: Page) {
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
  }

  /** Types a value over whatever the field holds and presses Enter (or Ctrl+Enter to confirm). */
  async function retype(page: Page, value: string, key: 'Enter' | 'Control+Enter' = 'Enter') {
    await page.keyboard.press('Control+a')
    await page.keyboard.type(value)
    await page.keyboard.press(key)
  }

  async function typeForm(page: Page, account: string, values: string[]) {
    await page.keyboard.type(account)
    await page.keyboard.press('Enter')
    for (const value of values) {
      await page.keyboard.type(value)
      await page.keyboard.press('Enter')
    }
  }

  const saved = (page: Page, position: number) =>
    expect(page.getByTestId(`batch-form-${position}`)).toContainText('сохранён')

  test('a clerk types all twenty with the keyboard, closes the page halfway, and finishes the batch', async ({
    page,
    context,
    console: c,
  }) => {
    test.slow() // twenty forms typed key by key, and a second page
    await openReadings(page)
    await page.locator('#batch-received-on').fill('02.11.2026')
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#form-0-account')).toBeFocused()

    // 1. Two meters, nothing wrong.
    await typeForm(page, '40000001', ['105,5', '54'])
    await saved(page, 0)

    // 2. Lower than the previous reading: refused until the clerk corrects the digits.
    await typeForm(page, '40000002', ['150'])
    await expect(page.getByTestId('findings-1-21')).toContainText('меньше предыдущего показания')
    await expect(page.locator('#form-1-meter-21')).toBeFocused()
    await retype(page, '215')
    await saved(page, 1)

    // 3. A roll-over past 99 999: confirmed with Ctrl+Enter.
    await typeForm(page, '40000003', ['2'])
    await expect(page.getByTestId('findings-2-31')).toContainText('переход счётчика через ноль')
    await page.keyboard.press('Control+Enter')
    await saved(page, 2)

    // 4. Ten times the usual consumption: confirmed.
    await typeForm(page, '40000004', ['160'])
    await expect(page.getByTestId('findings-3-41')).toContainText('расход намного выше обычного')
    await page.keyboard.press('Control+Enter')
    await saved(page, 3)

    // 5. Overdue verification: accepted and flagged, no confirmation asked.
    await typeForm(page, '40000005', ['12'])
    await saved(page, 4)

    // 6. A reading already saved for November: shown, and replacing it needs a reason.
    await typeForm(page, '40000006', ['34'])
    await expect(page.getByTestId('findings-5-61')).toContainText('за период уже есть показание 33,000')
    await page.keyboard.press('Control+Enter')
    await expect(page.locator('#form-5-reason-61')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-5-reason-61')).toBeFocused()
    await page.keyboard.type('абонент исправил ошибку на бланке')
    await page.keyboard.press('Enter')
    await saved(page, 5)

    // 7. A closed account: the form stays in the batch, unresolved.
    await typeForm(page, '40000007', [])
    await expect(page.getByTestId('batch-form-6')).toContainText('Лицевой счёт закрыт')
    await expect(page.getByTestId('batch-form-6')).toContainText('не разобран')

    // 8. A removed meter still printed on the form: a value there leaves the form unresolved, as typed;
    // the clerk clicks back into it, clears the value, and the empty field is passed over.
    await typeForm(page, '40000008', ['42', '71'])
    await expect(page.getByTestId('findings-7-82')).toContainText('счётчик снят — сотрите значение')
    await expect(page.getByTestId('batch-form-7')).toContainText('не разобран')
    await expect(page.locator('#form-8-account')).toBeFocused()
    await page.locator('#form-7-meter-82').click()
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Enter')
    await saved(page, 7)
    await expect(page.locator('#form-8-account')).toBeFocused()

    // 9. An unknown account number: unresolved, as typed.
    await typeForm(page, '49999999', [])
    await expect(page.getByTestId('batch-form-8')).toContainText('не найден')
    await expect(page.getByTestId('batch-form-8')).toContainText('не разобран')

    // 10. A third period in a row at zero: a stuck meter? Confirmed.
    await typeForm(page, '40000010', ['60'])
    await expect(page.getByTestId('findings-9-101')).toContainText('нулевой расход третий период подряд')
    await page.keyboard.press('Control+Enter')
    await saved(page, 9)

    // 11. Not a value: letters, then four decimals; corrected.
    await typeForm(page, '40000011', ['1б'])
    await expect(page.getByTestId('findings-10-111')).toContainText('только цифры и запятая')
    await retype(page, '16,1234')
    await expect(page.getByTestId('findings-10-111')).toContainText('не больше трёх знаков после запятой')
    await retype(page, '16,123')
    await saved(page, 10)

    // 12. Half typed when the clerk closes the page.
    await page.keyboard.type('40000012')
    await page.keyboard.press('Enter')
    await page.keyboard.type('16')
    await expect(page.locator('#form-11-meter-121')).toHaveValue('16')
    await expect.poll(() => draftOf(c, 11)).toContain('"value":"16"')
    await page.close()

    const again = await context.newPage()
    await again.goto(c.shell.url)
    await openReadings(again)
    await expect(again.locator('#form-11-account')).toHaveValue('40000012')
    await expect(again.getByTestId('batch-counts')).toHaveText('сохранено: 9, не разобрано: 2, отложено: 0')
    await again.locator('#form-11-account').focus()
    await again.keyboard.press('Enter')
    await expect(again.locator('#form-11-meter-121')).toHaveValue('16')
    await expect(again.locator('#form-11-meter-121')).toBeFocused()
    await again.keyboard.press('Enter')
    await saved(again, 11)

    // 13–20: the rest of the stack.
    for (let n = 13; n <= 20; n++) {
      await typeForm(again, String(40_000_000 + n), ['16'])
      await saved(again, n - 1)
    }

    await expect(again.getByTestId('batch-counts')).toHaveText('сохранено: 18, не разобрано: 2, отложено: 0')
    // Older saved forms fold away; the unresolved ones stay in view to be dealt with.
    await expect(again.getByTestId('batch-hidden')).toContainText('Выше ещё сохранённых бланков: 9')
    await expect(again.getByTestId('batch-form-6')).toContainText('не разобран')
    await again.getByTestId('batch-finish').click()
    await again.getByTestId('finish-confirm').click()
    await expect(again.getByTestId('batch-summary')).toContainText(
      'бланков 20 — сохранено 18, не разобрано 2, отложено 0, выброшено 0; показаний принято 19, не передано 0, подтверждено предупреждений 4',
    )

    const november = c.app.local.sql
      .prepare(
        `SELECT meter_id AS meter, value_milli AS milli, late, flags, source FROM readings
        WHERE period = '2026-11' ORDER BY meter_id`,
      )
      .all() as { meter: number; milli: number; late: number; flags: string | null; source: string }[]
    const byMeter = Object.fromEntries(november.map((r) => [r.meter, r]))
    expect(november).toHaveLength(19)
    expect(november.every((r) => r.source === 'paper' && r.late === 0)).toBe(true)
    expect(byMeter[11]!.milli).toBe(105_500)
    expect(byMeter[12]!.milli).toBe(54_000)
    expect(byMeter[21]!.milli).toBe(215_000)
    expect(byMeter[31]).toMatchObject({ milli: 2_000, flags: '["rollOver"]' })
    expect(byMeter[41]).toMatchObject({ milli: 160_000, flags: '["spike"]' })
    expect(byMeter[51]).toMatchObject({ milli: 12_000, flags: '["verificationOverdue"]' })
    expect(byMeter[61]!.milli).toBe(34_000)
    expect(byMeter[81]!.milli).toBe(42_000)
    expect(byMeter[82]).toBeUndefined()
    expect(byMeter[101]).toMatchObject({ milli: 60_000, flags: '["zeroStreak"]' })
    expect(byMeter[111]!.milli).toBe(16_123)
    expect(byMeter[121]!.milli).toBe(16_000)
    const replaced = c.app.local.sql
      .prepare(
        `SELECT before_json AS before, after_json AS after FROM audit_log WHERE entity = 'reading' AND entity_id = '61:2026-11'`,
      )
      .get() as { before: string; after: string }
    expect(JSON.parse(replaced.before)).toEqual({ valueMilli: 33_000 })
    expect(JSON.parse(replaced.after)).toMatchObject({ replaceReason: 'абонент исправил ошибку на бланке' })
  })
})

test.describe('a batch belongs to its clerk', () => {
  test('a supervisor takes over a clerk’s open batch and finds the typed forms there', async ({
    page,
    console: c,
  }) => {
    insertAccounts(c.app.local.sql, [anAccount({ id: 1, number: '40000001', surname: 'Орлова' })])
    c.app.local.sql
      .exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.locator('#batch-received-on').fill('02.11.2026')
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#form-0-account')).toBeFocused()
    await page.keyboard.type('40000001')
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-0-meter-1')).toBeFocused()
    await page.keyboard.type('104,5')
    // The draft is saved as typed; the clerk goes home without finishing.
    await expect
      .poll(() =>
        c.app.local.sql
          .prepare(`SELECT values_json FROM reading_batch_forms WHERE position = 0`)
          .pluck()
          .get(),
      )
      .toContain('104,5')
    await page.getByTestId('sign-out').click()

    await signIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    const others = page.getByTestId('others-open-batches')
    await expect(others).toContainText('Петров Пётр (clerk)')
    await expect(others).toContainText('бланков: 1')
    await saveScreenshot(page, 'readings-batch-take-over')
    await others.getByRole('button', { name: 'Взять себе' }).click()
    await expect(page.locator('#form-0-account')).toHaveValue('40000001')
    await expect(page.getByTestId('value-0-1')).toHaveValue('104,5')
  })
})

test.describe('readings for a period', () => {
  test('a supervisor sees coverage, the late readings and the silent accounts, and overrides a late one', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    insertAccounts(db, [
      anAccount({ id: 1, number: '40000001', surname: 'Орлова', firstName: 'Нина', patronymic: 'Петровна' }),
      anAccount({
        id: 2,
        number: '40000002',
        surname: 'Беляев',
        firstName: 'Олег',
        district: 'Балаклавский',
      }),
    ])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 2, 'СВ-2', 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source, late) VALUES
      (1, '2026-10', 100000, '2026-10-05T09:00:00Z', 'paper', 1), (2, '2026-06', 100000, '2026-06-01T09:00:00Z', 'web', 0)`)
    await setUpFirstSupervisor(page, c.shell)
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.getByTestId('period-link').click()
    await page.getByTestId('period-input').click()
    await page.getByRole('option', { name: 'октябрь 2026' }).click()
    await expect(page.getByTestId('period-coverage')).toContainText('Показания есть у 1 из 2 лицевых счетов')
    await expect(page.getByTestId('period-missing')).toContainText('без показаний 4 мес.')
    await expect(page.getByTestId('period-missing')).toContainText('начисление по нормативу')
    const late = page.getByTestId('period-attention').getByRole('row', { name: /40000001/ })
    await expect(late).toContainText('поздно')
    await saveScreenshot(page, 'readings-period')
    await late.getByPlaceholder('Причина').fill('бланк сдан в срок, задержка почты')
    await late.getByRole('button', { name: 'Принять как есть' }).click()
    await expect(page.getByText('Нет поздних и отмеченных показаний.')).toBeVisible()

    // October's register goes to billing: the supervisor closes the period. A form stamped in October
    // now goes to November, late, and the batch says so before a key is typed.
    await page.getByTestId('close-period').click()
    await expect(page.getByTestId('close-confirm')).toContainText('Закрыть период октябрь 2026?')
    await page.getByTestId('close-confirm-button').click()
    await expect(page.getByTestId('period-closure')).toContainText('Период закрыт: реестр передан в биллинг')
    await saveScreenshot(page, 'readings-period-closed')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.locator('#batch-received-on').fill('01.10.2026')
    await expect(page.getByTestId('stamp-late')).toContainText(
      'Период этого штампа уже закрыт: показания пойдут за ноябрь 2026 с отметкой «поздно»',
    )
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.getByTestId('batch-period')).toHaveText(
      'Показания пойдут за ноябрь 2026 с отметкой «поздно»: их период уже закрыт',
    )
  })
})

test.describe('unresolved forms', () => {
  test('a clerk finds the forms a finished batch kept, with why, and takes one back into work', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    insertAccounts(db, [anAccount({ id: 1, number: '40000001' })])
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    // A batch finished yesterday kept an unknown account and a form set aside for a low value.
    db.exec(`INSERT INTO reading_batches (id, received_on, created_by, created_at, finished_by, finished_at)
      SELECT 7, '2026-12-01', id, '2026-12-01T09:00:00Z', id, '2026-12-01T12:00:00Z' FROM staff WHERE login = 'clerk1'`)
    db.exec(`INSERT INTO reading_batch_forms (batch_id, position, account_number, values_json, state, problem_json, updated_at) VALUES
      (7, 3, '49999999', '[{"meterId":1,"value":"5","confirmed":[]}]', 'unresolved',
        '{"code":"UNKNOWN_ACCOUNT","params":{"number":"49999999"}}', '2026-12-01T12:00:00Z'),
      (7, 4, '40000001', '[{"meterId":1,"value":"99","confirmed":[]}]', 'setAside',
        '{"code":"SET_ASIDE","params":{"finding":"lowerThanPrevious"}}', '2026-12-01T12:00:00Z')`)
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.getByTestId('unresolved-forms-link').click()
    await expect(page.getByTestId('unresolved-form-49999999')).toContainText(
      'не разобран: Лицевой счёт 49999999 не найден',
    )
    await expect(page.getByTestId('unresolved-form-40000001')).toContainText(
      'отложен: меньше предыдущего показания',
    )
    await saveScreenshot(page, 'unresolved-forms')
    await page.getByTestId('unresolved-form-49999999').getByTestId('unresolved-form-take').click()
    // On the batch screen, in a batch stamped as the paper was, the form as typed, to be put right.
    await expect(page).toHaveURL(/#\/readings$/)
    await expect(page.locator('#form-0-account')).toHaveValue('49999999')
    await expect(page.getByTestId('unresolved-forms-link')).toContainText('Неразобранные бланки: 1')
  })
})
