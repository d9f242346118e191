import { createStaffDirectly, expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'
import { anAccount, insertAccounts } from '../support/account-builder'

const OPERATOR = { login: 'operator1', password: 'пароль-оператора' }

/** What a softphone does on an incoming call (docs/screen-pop.md): POST the number with the secret. */
async function ring(shellUrl: string, phone: string) {
  const url = new URL(shellUrl)
  const answer = await fetch(new URL('/api/incoming-call', url.origin), {
    method: 'POST',
    headers: { 'x-console-secret': url.searchParams.get('secret')!, 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  })
  expect(answer.status).toBe(204)
}

/**
 * Screen pop (docs/screen-pop.md), through the browser shell's loopback API in Chromium: a call opens
 * the caller's card when one account has the number, the search when several do; an operator typing
 * keeps the field, the focus and the text, and opens the call when ready.
 */
test('an incoming call opens the caller’s card, or waits politely while the operator types', async ({
  page,
  console: c,
}) => {
  insertAccounts(c.app.local.sql, [
    anAccount({ id: 1, number: '40000001', surname: 'Орлова', firstName: 'Нина', phone: '+7 978 123-45-67' }),
    anAccount({ id: 2, number: '40000002', surname: 'Котов', firstName: 'Илья', phone: '+7 978 555-00-11' }),
    anAccount({ id: 3, number: '40000003', surname: 'Котова', firstName: 'Анна', phone: '+7 978 555-00-11' }),
  ])
  await setUpFirstSupervisor(page, c.shell)
  await createStaffDirectly(c.app, 'operator', OPERATOR.login, OPERATOR.password)
  await page.getByTestId('sign-out').click()
  await signIn(page, OPERATOR.login, OPERATOR.password)
  // The console is up (the softphone rings a running console).
  await expect(page.getByTestId('account-search')).toBeFocused()

  await ring(c.shell.url, '+79781234567')
  await expect(page.getByTestId('card-owner')).toContainText('Орлова Нина')

  // Two accounts share the number: the search lists both.
  await ring(c.shell.url, '+7 978 555-00-11')
  await expect(page.getByTestId('search-results').locator('tbody tr')).toHaveCount(2)

  // Typing a search of one's own: the call is said, nothing typed is taken away.
  const box = page.getByTestId('account-search')
  await box.fill('Ленина 1')
  await ring(c.shell.url, '+79781234567')
  await expect(page.getByTestId('incoming-call')).toContainText('+79781234567')
  await expect(box).toBeFocused()
  await expect(box).toHaveValue('Ленина 1')
  await saveScreenshot(page, 'screen-pop-waiting')
  await page.getByTestId('incoming-call-open').click()
  await expect(page.getByTestId('card-owner')).toContainText('Орлова Нина')
  await expect(page.getByTestId('incoming-call')).toHaveCount(0)
})
