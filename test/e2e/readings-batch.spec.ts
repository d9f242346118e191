import type { Page } from '@playwright/test'
import { anAccount, insertAccounts } from '../support/account-builder'
import { createStaffDirectly, expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'

test.describe('paper-form batch entry', () => {
  test.beforeEach(async ({ page, console: c }) => {
    const db = c.app.local.sql
    insertAccounts(db, [
      anAccount({ id: 1, number: '40000001', surname: 'Орлова', firstName: 'Нина', patronymic: 'Петровна' }),
      anAccount({ id: 2, number: '40000002', surname: 'Беляев', firstName: 'Олег' }),
      anAccount({ id: 3, number: '40000003', surname: 'Закрытов', firstName: 'Иван', status: 'closed' }),
    ])
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (2, 1, 'СВ-2', 'ванная', '2016-01-01', '2022-01-01', 5, 'active'),
      (3, 2, 'СВ-3', 'кухня', '2020-01-01', '2030-01-01', 5, 'active'),
      (4, 3, 'СВ-4', 'кухня', '2020-01-01', '2030-01-01', 5, 'removed')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-09', 95000, '2026-09-01T09:00:00Z', 'web'), (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web'),
      (2, '2026-10', 99998000, '2026-10-01T09:00:00Z', 'web'),
      (3, '2026-09', 45000, '2026-09-01T09:00:00Z', 'web'), (3, '2026-10', 50000, '2026-10-01T09:00:00Z', 'web')`)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания' }).click()
  })

  async function typeAccount(page: Page, number: string) {
    await page.keyboard.type(number)
    await page.keyboard.press('Enter')
  }

  test('types forms with the keyboard only, survives a reload mid-batch, and sums the batch up', async ({
    page,
    console: c,
  }) => {
    await page.getByTestId('batch-received-on').fill('2026-11-02')
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#form-0-account')).toBeFocused()

    // Form 1: a roll-over on the bathroom meter, confirmed with Ctrl+Enter; the overdue verification is only flagged.
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
    await page.waitForTimeout(600)
    await page.reload()
    await page.getByRole('link', { name: 'Показания' }).click()
    await expect(page.locator('#form-1-account')).toHaveValue('40000002')
    await page.locator('#form-1-account').focus()
    await page.keyboard.press('Enter')
    await expect(page.locator('#form-1-meter-3')).toHaveValue('55')
    await page.locator('#form-1-meter-3').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('batch-form-1')).toContainText('сохранён')

    // Form 3: an unknown account stays in the batch, unresolved, as typed.
    await typeAccount(page, '49999999')
    await expect(page.getByTestId('batch-form-2')).toContainText('не найден')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('batch-form-2')).toContainText('не разобран')

    // Form 4: a closed account, unresolved too.
    await typeAccount(page, '40000003')
    await expect(page.getByTestId('batch-form-3')).toContainText('Счёт закрыт')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('batch-form-3')).toContainText('не разобран')

    await expect(page.getByTestId('batch-counts')).toHaveText('сохранено: 2, не разобрано: 2')
    await page.getByTestId('batch-finish').click()
    await expect(page.getByTestId('batch-summary')).toContainText(
      'бланков 4, показаний принято 3, подтверждено предупреждений 1, не разобрано 2',
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
    await page.getByRole('link', { name: 'Показания' }).click()
    await page.getByTestId('period-link').click()
    await page.getByTestId('period-input').fill('2026-10')
    await page.getByRole('button', { name: 'Показать' }).click()
    await expect(page.getByTestId('period-coverage')).toContainText('Показания есть у 1 из 2 лицевых счетов')
    await expect(page.getByTestId('period-missing')).toContainText('без показаний 4 мес.')
    await expect(page.getByTestId('period-missing')).toContainText('начисление по нормативу')
    const late = page.getByTestId('period-attention').getByRole('row', { name: /40000001/ })
    await expect(late).toContainText('поздно')
    await saveScreenshot(page, 'readings-period')
    await late.getByPlaceholder('Причина').fill('бланк сдан в срок, задержка почты')
    await late.getByRole('button', { name: 'Принять как есть' }).click()
    await expect(page.getByText('Нет поздних и отмеченных показаний.')).toBeVisible()
  })
})
