import { aMeter, anAccount, insertAccounts, insertMeters } from '../support/account-builder'
import { expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'

/**
 * Text size and contrast (docs/business-rules.md#who-uses-the-console): at 150 % on a 1366×768 screen the
 * card and the batch keep their primary action on screen; the choice is the person's and survives a reload.
 */
test.describe('display', () => {
  test.use({ viewport: { width: 1366, height: 768 } })

  test('150 % text on the card and the batch, high contrast, remembered per person', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    insertAccounts(db, [anAccount({ id: 1, number: '40000001', surname: 'Тихонова', firstName: 'Вера' })])
    insertMeters(db, [aMeter({ id: 1, accountId: 1 })])
    db.prepare(
      `INSERT INTO web_requests (id, kind, account_number, applicant_surname, applicant_first_name,
      applicant_patronymic, new_owner_surname, new_owner_first_name, new_owner_patronymic, email, submitted_at,
      state, version) VALUES (1, 'reRegistration', '40000001', 'Тихонова', 'Вера', 'Андреевна',
      'Кравченко-Белая', 'Мария', 'Олеговна', 'tihonova@mail.ru', ?, 'new', 1)`,
    ).run(new Date().toISOString())
    await setUpFirstSupervisor(page, c.shell)
    await page.getByTestId('display-prefs').click()
    await page.getByTestId('text-size').getByText('150 %').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('21px')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('display-panel')).toBeHidden()

    await page.goto(`${c.shell.origin}/#/accounts/1`)
    const save = page.getByTestId('phone-readings').getByRole('button', { name: 'Принять показания' })
    await expect(save).toBeInViewport()
    await expect(page.locator('#phone-meter-1')).toBeInViewport()
    await saveScreenshot(page, 'card-150')

    // The request page: the owner's name, the address and the tabs whole, none under another.
    await page.goto(`${c.shell.origin}/#/requests/1`)
    await expect(page.getByTestId('request-detail')).toBeVisible()
    const owner = await page.getByTestId('card-header').locator('h1').boundingBox()
    const numbers = await page.getByTestId('card-header').locator('.numbers').boundingBox()
    // The numbers sit beside the name or under it, never over it.
    expect(owner!.x + owner!.width <= numbers!.x || owner!.y + owner!.height <= numbers!.y).toBe(true)
    await saveScreenshot(page, 'request-150')

    // The report kinds wrap instead of cutting «Регистрации» short.
    await page.goto(`${c.shell.origin}/#/reports`)
    const kinds = page.getByTestId('report-picker').getByRole('button', { name: 'Регистрации', exact: true })
    await expect(kinds).toBeInViewport()
    const box = await kinds.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366)
    expect(await kinds.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    await saveScreenshot(page, 'reports-150')

    await page.goto(`${c.shell.origin}/#/readings`)
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#form-0-account')).toBeInViewport()
    await expect(page.getByTestId('batch-finish')).toBeInViewport()
    await saveScreenshot(page, 'batch-150')

    await page.getByTestId('display-prefs').click()
    await page.getByTestId('high-contrast').click()
    await expect(page.locator('html')).toHaveClass(/high-contrast/)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('display-panel')).toBeHidden()
    await saveScreenshot(page, 'batch-high-contrast')

    // Remembered for this person after a reload; the next person starts from the default.
    await page.reload()
    await expect(page.locator('html')).toHaveClass(/high-contrast/)
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('21px')
    await page.getByTestId('sign-out').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('14px')
    await expect(page.locator('html')).not.toHaveClass(/high-contrast/)
    await signIn(page, 'chief', 'Водоканал-2026')
    await expect(page.locator('html')).toHaveClass(/high-contrast/)
  })
})
