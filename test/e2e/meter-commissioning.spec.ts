import { execFileSync } from 'node:child_process'
import { addDays, addYears, format } from 'date-fns'
import { centralTest as test, createStaffDirectly, expect, saveScreenshot, signIn } from './fixtures'

const CLERK = { login: 'clerk1', password: 'пароль-специалиста' }
/** A date as the clerk types it: 01.12.2026. */
const typed = (date: Date) => format(date, 'dd.MM.yyyy')

/**
 * A new meter put into service (docs/business-rules.md#a-new-meter-put-into-service), in Chromium against
 * a real central service: started from the card's «Поверка просрочена», filed at the counter, an inspector
 * sent, the final reading typed, completed, and the card showing the new meter.
 */
test.describe('a meter put into service', () => {
  test('a clerk files one from the card’s overdue verification and carries it to the decision', async ({
    page,
    console: c,
    central,
  }) => {
    test.slow() // a whole request worked through, every step answered by the central database
    await central.pool.query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic,
      district, street, house, house_type, status, opened_on, email)
      VALUES (1, '40000001', '920100000001', 'Орлова', 'Нина', 'Петровна', 'Гагаринский', 'ул. Вакуленчука', '14',
      'mkd', 'active', '2015-01-01', 'orlova@mail.ru')`)
    await central.pool
      .query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (11, 1, 'ХВ-0011', 'кухня', '2019-01-01', '2025-01-01', 5, 'active'),
             (12, 1, 'ГВ-0012', 'ванная', '2020-01-01', '2030-01-01', 5, 'active')`)
    await createStaffDirectly(c.app, 'clerk', CLERK.login, CLERK.password)
    await c.app.sync!.syncNow()

    await page.goto(c.shell.url)
    await signIn(page, CLERK.login, CLERK.password)
    await page.goto(page.url().replace(/#.*$/, '#/accounts/1'))
    const alerts = page.getByTestId('card-alerts')
    await expect(alerts).toContainText('поверк')
    await saveScreenshot(page, 'meter-card-alert')
    await alerts.getByTestId('card-start-meterCommissioning').click()

    // The dialog opens on this kind and account, the overdue meter filled in as verified.
    const dialog = page.getByTestId('counter-request')
    await expect(dialog.getByTestId('counter-account')).toHaveValue('40000001')
    await expect(dialog.getByTestId('counter-account-owner')).toContainText('Орлова Нина')
    await expect(dialog.getByTestId('meter-replaced')).toHaveValue('ХВ-0011')
    await expect(dialog.getByTestId('meter-new-serial')).toHaveValue('ХВ-0011')
    // The subscriber replaced it instead: a new meter with its own serial.
    await dialog.getByTestId('meter-reason').getByText('замена').click()
    await dialog.getByTestId('meter-new-serial').fill('ХВ-2026-501')
    await dialog.getByTestId('meter-model').fill('СВК-15')
    await dialog.getByTestId('meter-verified-on').fill(typed(addDays(new Date(), -10)))
    // A next verification before this one is marked as typed, and nothing is lost.
    await dialog.getByTestId('meter-next-verification').fill(typed(addDays(new Date(), -20)))
    await dialog.getByTestId('meter-seal').fill('П-004512')
    await dialog.getByTestId('meter-initial').fill('3,5')
    await dialog.getByTestId('counter-surname').fill('Орлова')
    await dialog.getByTestId('counter-first-name').fill('Нина')
    await dialog.getByTestId('counter-request-submit').click()
    await expect(dialog).toContainText('Следующая поверка — позже даты поверки')
    await expect(dialog.getByTestId('meter-seal')).toHaveValue('П-004512')
    await dialog.getByTestId('meter-next-verification').fill(typed(addYears(new Date(), 6)))
    await saveScreenshot(page, 'meter-counter-dialog')
    await dialog.getByTestId('counter-request-submit').click()
    await expect(page.getByTestId('card-request-registered')).toBeVisible()
    await c.app.sync!.syncNow()

    await page.getByRole('link', { name: /Заявки/ }).click()
    const row = page.locator('[data-testid^="request-row-"]', { hasText: 'Ввод счётчика' })
    await expect(row).toContainText('40000001')
    await row.click()
    const detail = page.getByTestId('request-detail')
    await expect(detail.getByTestId('meter-summary')).toContainText('ХВ-2026-501')
    await expect(detail.getByTestId('meter-summary')).toContainText('П-004512')

    await detail.getByTestId('request-step-in_review').click()
    await expect(detail).toContainText('на рассмотрении')
    await detail
      .getByTestId('request-reason')
      .fill('Опломбировать новый счётчик, визит согласован на четверг с 9 до 13')
    await detail.getByTestId('request-step-awaiting_visit').click()
    await expect(detail.getByTestId('request-visit-due')).toContainText('визит контролёра до')
    await saveScreenshot(page, 'meter-request-visit')
    await detail.getByTestId('request-step-approved').click()

    // Completion: the fields as filed, the seal corrected from the inspector's act; the old meter's
    // final reading typed from the papers.
    const completion = page.getByTestId('request-completion')
    await expect(completion.getByTestId('meter-new-serial')).toHaveValue('ХВ-2026-501')
    await completion.getByTestId('meter-seal').fill('П-004599')
    await completion.getByTestId('request-complete').click()
    await expect(completion.getByTestId('completion-problems')).toContainText('ХВ-0011')
    await page.locator('#phone-meter-11').fill('612,4')
    // Ctrl+Enter saves from any meter (Enter moves on to the next one).
    await page.keyboard.press('Control+Enter')
    await expect(completion.getByTestId('final-readings')).toContainText('612,400')
    await completion.getByTestId('request-complete').click()
    const confirm = page.getByTestId('completion-confirm')
    await expect(confirm).toContainText('Счётчик № ХВ-0011 будет снят с учёта')
    await expect(confirm).toContainText('пломба № П-004599, начальные показания 3,5 м³')
    await saveScreenshot(page, 'meter-completion-confirm')
    await page.getByTestId('request-complete-confirm').click()
    await expect(page.getByTestId('request-notice')).toContainText('Заявка исполнена')
    const viewer = page.getByTestId('document-viewer')
    await expect(viewer.getByTestId('viewer-stage')).toHaveAttribute(
      'data-loaded',
      /Ввод счётчика ХВ-2026-501/,
    )
    await saveScreenshot(page, 'meter-decision')
    const download = page.waitForEvent('download')
    await page.getByTestId('decision-download').click()
    const text = execFileSync('pdftotext', ['-layout', await (await download).path(), '-'], {
      encoding: 'utf8',
    })
    expect(text).toContain('Уведомление о вводе прибора учёта в эксплуатацию')
    expect(text).toMatch(/пломба\s+№\s+П-004599/)

    // The card: the old meter gone from the last readings, the new one there; the alert gone.
    await c.app.sync!.syncNow()
    await page.goto(page.url().replace(/#.*$/, '#/accounts/1'))
    const readings = page.getByTestId('card-last-readings')
    await expect(readings).toContainText('ХВ-2026-501')
    await expect(readings).not.toContainText('ХВ-0011')
    await expect(page.getByText('Просрочена поверка')).toHaveCount(0)
    await saveScreenshot(page, 'meter-card-after')
  })
})
