import type { Page } from '@playwright/test'
import { anAccount } from '../support/account-builder'
import {
  centralTest as test,
  createStaffDirectly,
  expect,
  saveScreenshot,
  startAsSupervisor,
  signIn,
} from './fixtures'

const OWNERS = [
  'Семёнова',
  'Орлов',
  'Кравец',
  'Сидоров',
  'Мельник',
  'Бондарь',
  'Ткаченко',
  'Лысенко',
  'Гончар',
  'Петров-Водкин',
]

/** What subscribers typed on the website, oldest first: six clean ones, four with problems. */
const TYPED: [accountNumber: string, surname: string][] = [
  ['40000001', 'Семенова'], // ё typed as е: a match
  ['40000002', 'Орлова'], // a real mismatch
  ['40000003', 'кравец'],
  ['40000004', 'Cидоров'], // a Latin "C"
  ['40000005', 'Мельник'],
  ['49999999', 'Никитин'], // no such account
  ['40000007', 'Ткаченко'],
  ['40000008', 'Лысенко'],
  ['40000009', 'Гончар'],
  ['40000010', 'Петров Водкин'], // a double surname joined by a space
]

const detail = (page: Page) => page.getByTestId('registration-detail')

test.describe('web registrations queue', () => {
  test('a clerk works through ten with the keyboard: confirms, rejects a mismatch, confirms the rest in bulk', async ({
    page,
    console: c,
    central,
  }) => {
    test.slow() // ten registrations worked through key by key, each decision checked with the central database
    for (const [i, surname] of OWNERS.entries()) {
      const account = anAccount({ id: i + 1, surname, firstName: 'Анна' })
      await central.pool.query(
        `INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street, house, apartment,
        house_type, status, opened_on) VALUES ($1, $2, $3, $4, 'Анна', 'Ленинский', 'ул. Ленина', '1', $5, 'mkd',
        'active', '2015-01-01')`,
        [account.id, account.number, account.eircNumber, surname, String(i + 1)],
      )
    }
    for (const [i, [accountNumber, surname]] of TYPED.entries())
      await central.pool.query(
        `INSERT INTO portal_registrations (account_number, surname, email, password_hash, submitted_at)
        VALUES ($1, $2, $3, 'hash', $4)`,
        [
          accountNumber,
          surname,
          `user${i + 1}@example.ru`,
          `2026-11-${String(10 + i).padStart(2, '0')}T09:00:00+03:00`,
        ],
      )

    await startAsSupervisor(page, c)
    await createStaffDirectly(c.app, 'clerk', 'clerk', 'Клерк-пароль-2026')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk', 'Клерк-пароль-2026')
    await c.app.sync!.syncNow()
    await expect(page.getByTestId('nav-registrations-count')).toHaveText('10')
    await page.getByRole('link', { name: /Регистрации/ }).click()

    const queue = page.getByTestId('registration-queue')
    await expect(queue).toBeFocused()
    await expect(page.getByTestId('registrations-total')).toHaveText('на проверке: 10')
    await expect(page.getByTestId('registration-row-40000002')).toContainText('фамилия не совпадает')

    // 1: all checks pass; Enter opens it with the focus on Confirm, Ctrl+Enter confirms.
    await page.keyboard.press('Enter')
    await expect(detail(page)).toContainText('Регистрация по лицевому счёту № 40000001')
    await expect(page.getByTestId('confirm-registration')).toBeFocused()
    await page.keyboard.press('Control+Enter')

    // 2: the next one opens by itself: a real mismatch, shown side by side, cannot be confirmed.
    await expect(detail(page)).toContainText('№ 40000002')
    await expect(page.getByTestId('compare-surname')).toContainText('Орлова')
    await expect(page.getByTestId('compare-surname')).toContainText('Орлов Анна')
    await expect(detail(page)).toContainText('фамилия не совпадает')
    await expect(page.getByTestId('confirm-registration')).toBeDisabled()
    await expect(page.getByTestId('reject-reason')).toBeFocused()
    await saveScreenshot(page, 'registrations-mismatch')
    await page.keyboard.press('Control+Enter') // nothing happens: the checks did not pass
    await page.keyboard.type('Фамилия не совпадает с фамилией владельца лицевого счёта')
    await page.keyboard.press('Enter')

    // 3: clean.
    await expect(detail(page)).toContainText('№ 40000003')
    await page.keyboard.press('Control+Enter')

    // 4: a Latin letter in the surname is marked, not matched.
    await expect(detail(page)).toContainText('№ 40000004')
    await expect(detail(page)).toContainText('в фамилии латинские буквы')
    await expect(page.getByTestId('compare-surname').locator('mark')).toHaveText('C')
    await page.keyboard.type('В фамилии латинские буквы — введите фамилию русскими буквами')
    await page.keyboard.press('Enter')

    // 5 is clean but the clerk leaves it for the bulk confirmation: Esc back to the list.
    await expect(detail(page)).toContainText('№ 40000005')
    await page.keyboard.press('Escape')
    await expect(detail(page)).toHaveCount(0)
    await expect(queue).toBeFocused()

    // 6: unknown account, one row down.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(detail(page)).toContainText('№ 49999999')
    await expect(detail(page)).toContainText('лицевой счёт не найден')
    await page.keyboard.type('Лицевой счёт с таким номером не найден')
    await page.keyboard.press('Enter')
    // 7 passes every check, but the clerk rejects it: "Отклонить" with no reason is refused and
    // the focus goes to the reason, so the reason and its Enter can never confirm it instead.
    await expect(detail(page)).toContainText('№ 40000007')
    await expect(page.getByTestId('confirm-registration')).toBeFocused()
    await page.getByTestId('reject-registration').click()
    await expect(page.getByTestId('decision-error')).toContainText('причина')
    await expect(page.getByTestId('reject-reason')).toBeFocused()
    await page.keyboard.type('Заявитель отозвал регистрацию по телефону')
    await page.keyboard.press('Enter')
    await expect(detail(page)).toContainText('№ 40000008')
    // Letters typed while Confirm has the focus start a reason; they never press Confirm.
    await expect(page.getByTestId('confirm-registration')).toBeFocused()
    // (a Latin first letter: Playwright types Cyrillic as inserted text, with no key events)
    await page.keyboard.type('Spam-регистрация')
    await expect(page.getByTestId('reject-reason')).toBeFocused()
    await expect(page.getByTestId('reject-reason')).toHaveValue('Spam-регистрация')
    await page.keyboard.press('Escape')
    await expect(queue).toBeFocused()

    // The rest pass every check: one confirmation for all of them.
    await page.keyboard.press('Control+Shift+Enter')
    const dialog = page.getByTestId('bulk-dialog')
    await expect(dialog).toContainText('Подтвердить 4 регистрации')
    await expect(page.getByTestId('bulk-yes')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('bulk-result')).toContainText('Подтверждено: 4. Пропущено: 0.')
    await expect(page.getByTestId('registrations-empty')).toBeVisible()

    await c.app.sync!.syncNow()
    const decided = await central.pool.query<{ account_number: string; state: string; decided_by: string }>(
      `SELECT account_number, state, decided_by FROM portal_registrations ORDER BY id`,
    )
    expect(decided.rows.map((r) => [r.account_number, r.state, r.decided_by])).toEqual(
      TYPED.map(([number]) => [
        number,
        ['40000002', '40000004', '49999999', '40000007'].includes(number) ? 'rejected' : 'confirmed',
        'clerk',
      ]),
    )
    const letters = await central.pool.query<{ template: string; n: number }>(
      `SELECT template, count(*)::int AS n FROM outgoing_mail GROUP BY template ORDER BY template`,
    )
    expect(letters.rows).toEqual([
      { template: 'registrationConfirmed', n: 6 },
      { template: 'registrationRejected', n: 4 },
    ])

    // The account cards show the new states; the website's activation reaches the console too.
    await central.pool.query(`UPDATE cabinets SET state = 'active', updated_at = now() WHERE account_id = 3`)
    await c.app.sync!.syncNow()
    for (const [id, state] of [
      [1, 'подтверждён, ждёт активации'],
      [2, 'регистрация отклонена'],
      [3, 'активен'],
    ] as const) {
      await page.goto(`${c.shell.url}#/accounts/${id}`)
      await expect(page.getByTestId('card-cabinet')).toContainText(state)
    }
  })
})
