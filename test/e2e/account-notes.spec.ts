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
