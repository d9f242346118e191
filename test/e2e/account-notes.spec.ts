import { centralTest as test, createStaffDirectly, expect, saveScreenshot, signIn } from './fixtures'

const OPERATOR = { login: 'operator1', password: 'пароль-оператора' }

/**
 * Notes on an account (docs/business-rules.md#contacts-and-notes), in Chromium against a real central
 * service: an operator pins one for the next call with the keyboard, sees it under the header with
 * their name, and takes it down; it stays below as taken down.
 */
test('an operator pins a note on the card for the next call and takes it down', async ({
  page,
  console: c,
  central,
}) => {
  await central.pool.query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic,
    district, street, house, house_type, status, opened_on)
    VALUES (1, '40000001', '920100000001', 'Орлова', 'Нина', 'Петровна', 'Гагаринский', 'ул. Вакуленчука', '14',
    'mkd', 'active', '2015-01-01')`)
  await createStaffDirectly(c.app, 'operator', OPERATOR.login, OPERATOR.password)
  await c.app.sync!.syncNow()
  await page.goto(c.shell.url)
  await signIn(page, OPERATOR.login, OPERATOR.password)
  await page.goto(page.url().replace(/#.*$/, '#/accounts/1'))

  const notes = page.getByTestId('card-notes')
  await notes.getByTestId('card-note-text').fill('Звонит за мать, доверенность в деле')
  await page.keyboard.press('Control+Enter')
  const pinned = notes.locator('[data-testid^="card-note-"]', { hasText: 'доверенность' }).first()
  await expect(pinned).toContainText('Звонит за мать, доверенность в деле')
  await expect(pinned).toContainText('Петров Пётр')
  await expect(notes.getByTestId('card-note-text')).toHaveValue('')
  await saveScreenshot(page, 'card-note-pinned')
  await notes.locator('[data-testid^="card-note-unpin-"]').first().click()
  await expect(notes.locator('.pinned')).toHaveCount(0)
  await expect(notes).toContainText('Снятые заметки: 1')
})

test('the card lists the other accounts of the flat, and one key and Enter open the previous owner’s', async ({
  page,
  console: c,
  central,
}) => {
  await central.pool.query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic,
    district, street, house, apartment, house_type, status, opened_on, closed_on) VALUES
    (1, '40000001', '920100000001', 'Орлова', 'Нина', 'Петровна', 'Гагаринский', 'ул. Вакуленчука', '14', '5',
      'mkd', 'active', '2015-01-01', NULL),
    (2, '40000002', '920100000002', 'Сидорова', 'Анна', NULL, 'Гагаринский', 'ул. Вакуленчука', '14', '5',
      'mkd', 'closed', '2009-03-01', '2014-12-31'),
    (3, '40000003', '920100000003', 'Котов', 'Илья', NULL, 'Гагаринский', 'ул. Вакуленчука', '14', '6',
      'mkd', 'active', '2015-01-01', NULL)`)
  await createStaffDirectly(c.app, 'operator', OPERATOR.login, OPERATOR.password)
  await c.app.sync!.syncNow()
  await page.goto(c.shell.url)
  await signIn(page, OPERATOR.login, OPERATOR.password)
  await page.goto(page.url().replace(/#.*$/, '#/accounts/1'))
  const premise = page.getByTestId('card-premise')
  await expect(premise).toContainText('40000002')
  await expect(premise).toContainText('Сидорова Анна')
  await expect(premise).toContainText('закрыт: 01.03.2009 — 31.12.2014')
  await expect(premise).not.toContainText('40000003')
  await page.keyboard.press('Alt+Shift+Digit6')
  await expect(premise.getByTestId('premise-2')).toBeFocused()
  await saveScreenshot(page, 'card-premise', { fullPage: true })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('card-owner')).toHaveText('Сидорова Анна')
})
