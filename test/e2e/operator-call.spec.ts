import type BetterSqlite3 from 'better-sqlite3'
import { anAccount, insertAccounts } from '../support/account-builder'
import { seedLocalDatabase } from '../../src-main/seed/seed-local'
import { createStaffDirectly, expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'

/** The screen an operator on a call-centre PC has (docs/business-rules.md#finding-the-callers-account). */
const CALL_CENTRE_SCREEN = { width: 1366, height: 768 }

function addMeter(db: BetterSqlite3.Database, id: number, accountId: number) {
  db.prepare(
    `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
    VALUES (?, ?, ?, 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`,
  ).run(id, accountId, `СВ-${id}`)
  db.prepare(
    `INSERT INTO readings (meter_id, period, value_milli, received_at, source)
    VALUES (?, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web')`,
  ).run(id)
}

/** Ctrl+K as the operator presses it, once the screen is there to take it. */
async function openSearch(page: import('@playwright/test').Page) {
  await expect(page.getByTestId('account-search')).toBeVisible()
  await page.keyboard.press('Control+k')
  await expect(page.getByTestId('account-search')).toBeFocused()
}

/** Is the element's whole box inside the window as it is, without scrolling? */
async function aboveTheFold(page: import('@playwright/test').Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox()
  return box !== null && box.y >= 0 && box.y + box.height <= CALL_CENTRE_SCREEN.height
}

test.describe('an operator on a call', () => {
  test.beforeEach(async ({ page, console: c }) => {
    await page.setViewportSize(CALL_CENTRE_SCREEN)
    seedLocalDatabase(c.app.local.sql, { count: 300, seed: 5, untilPeriod: '2026-10', months: 24 })
    insertAccounts(c.app.local.sql, [
      // House 37 flat 27, and the reverse, house 27 flat 37, on the same avenue.
      anAccount({
        id: 9101,
        number: '50000101',
        surname: 'Орлова',
        firstName: 'Нина',
        patronymic: 'Петровна',
        street: 'пр-т Гагарина',
        house: '37',
        apartment: '27',
      }),
      anAccount({
        id: 9102,
        number: '50000102',
        surname: 'Сомов',
        firstName: 'Пётр',
        patronymic: 'Ильич',
        street: 'пр-т Гагарина',
        house: '27',
        apartment: '37',
      }),
      anAccount({
        id: 9103,
        number: '50000103',
        surname: 'Шестакова',
        firstName: 'Ольга',
        patronymic: 'Петровна',
        street: 'ул. Косарева',
        house: '3',
        apartment: '9',
      }),
    ])
    addMeter(c.app.local.sql, 9101, 9101)
    addMeter(c.app.local.sql, 9102, 9102)
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'operator', 'operator1', 'пароль-оператора')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'operator1', 'пароль-оператора')
  })

  test('finds the caller by a full address that also exists reversed, opens the right card and takes a reading without the mouse', async ({
    page,
  }) => {
    await openSearch(page)
    await page.keyboard.type('проспект Гагарина 37 27')
    const rows = page.getByTestId('search-results').locator('tbody tr')
    await expect(rows.first()).toContainText('50000101')
    await expect(rows.nth(1)).toContainText('50000102')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('card-owner')).toHaveText('Орлова Нина Петровна')
    await expect(page.locator('#phone-meter-9101')).toBeFocused()
    await page.keyboard.type('104,5')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('phone-saved')).toContainText('Принято показаний: 1')
    // What a caller asks first is on the screen without scrolling, the reading block too.
    await expect(page.getByTestId('card-last-readings')).toContainText('104,500')
    expect(await aboveTheFold(page, 'card-header')).toBe(true)
    expect(await aboveTheFold(page, 'phone-saved')).toBe(true)
    await saveScreenshot(page, 'card-1366-apartment')
  })

  test('a private house with a debt shows the debt, the last payment and the alerts above the fold', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    const house = db
      .prepare(
        `SELECT a.id FROM accounts a WHERE house_type = 'private' AND status = 'active'
        AND EXISTS (SELECT 1 FROM payments WHERE account_id = a.id)
        AND EXISTS (SELECT 1 FROM meters WHERE account_id = a.id AND status = 'active') ORDER BY id LIMIT 1`,
      )
      .pluck()
      .get() as number
    // A charge larger than anything paid makes the debt certain, whatever the seed drew.
    db.prepare(
      `INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES (?, '2026-10', 'water', 99999900)`,
    ).run(house)
    db.prepare(
      `UPDATE meters SET verification_due = '2020-01-01' WHERE account_id = ? AND id = (SELECT min(id) FROM meters WHERE account_id = ?)`,
    ).run(house, house)
    await page.goto(page.url().replace(/#.*$/, `#/accounts/${house}`))
    await expect(page.getByTestId('card-balance')).toContainText('Задолженность')
    await expect(page.getByTestId('card-last-payment')).toContainText('последний платёж')
    await expect(page.getByTestId('card-alerts')).toContainText('Просрочена поверка')
    for (const part of ['card-header', 'card-balance', 'card-last-readings', 'card-alerts'])
      expect(await aboveTheFold(page, part), part).toBe(true)
    await saveScreenshot(page, 'card-1366-private-house-debt')
  })

  test('a surname typed in the wrong layout is found and marked as a tolerant match', async ({ page }) => {
    await openSearch(page)
    await page.keyboard.type('Itcnfrjdf JG')
    const first = page.getByTestId('search-results').locator('tbody tr').first()
    await expect(first).toContainText('Шестакова Ольга Петровна')
    await expect(first.getByTestId('hit-similar')).toHaveText('похоже на «Шестакова ОП»')
    await saveScreenshot(page, 'search-tolerant-match')
  })
})

test.describe('a long list', () => {
  test('says it is cut and narrows to live accounts or one street with one key', async ({
    page,
    console: c,
  }) => {
    const many = Array.from({ length: 70 }, (_, i) =>
      anAccount({
        id: 9200 + i,
        number: String(50_000_200 + i),
        eircNumber: `9203${String(i).padStart(8, '0')}`,
        surname: 'Ермолаева',
        street: i < 45 ? 'ул. Ленина' : 'ул. Гоголя',
        status: i % 10 === 0 ? 'closed' : 'active',
      }),
    )
    insertAccounts(c.app.local.sql, many)
    await setUpFirstSupervisor(page, c.shell)
    await openSearch(page)
    await page.keyboard.type('Ермолаева')
    await expect(page.getByTestId('search-cut')).toContainText('Показаны первые 50 из 70')
    await saveScreenshot(page, 'search-cut')
    await page.keyboard.press('Alt+Shift+2')
    await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(25)
    await expect(page.getByTestId('narrow-street').nth(1)).toHaveClass(/on/)
    await page.keyboard.press('Alt+Shift+0')
    await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(23)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('search-cut')).toContainText('Показаны первые 50 из 70')
  })
})
