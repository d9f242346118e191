import { createStaffDirectly, expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'

test.describe('closure and re-registration requests', () => {
  test('a clerk sees an overdue request first, asks for the missing documents with a reason, and the clock stops', async ({
    page,
    console: c,
  }) => {
    const db = c.app.local.sql
    // Two requests from the website: one a month old (overdue), one from today.
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString()
    const insert = db.prepare(`INSERT INTO web_requests (id, kind, account_number, applicant_surname,
      applicant_first_name, email, submitted_at, state, version) VALUES (?, ?, ?, ?, ?, ?, ?, 'new', 1)`)
    insert.run(1, 'closure', '40000001', 'Орлова', 'Нина', 'orlova@mail.ru', monthAgo)
    insert.run(2, 'reRegistration', '40000002', 'Сомов', 'Пётр', null, new Date().toISOString())
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')

    await expect(page.getByTestId('nav-requests-count')).toHaveText('2')
    await page.getByRole('link', { name: /Заявки/ }).click()
    const rows = page.getByTestId('request-queue').locator('tbody tr')
    await expect(rows).toHaveCount(2)
    // The list has the focus on arrival: ↑↓ and Enter work with no Tab through the filters.
    await expect(page.getByTestId('request-queue')).toBeFocused()
    await expect(rows.first()).toContainText('Орлова Нина')
    await expect(rows.first().getByTestId('request-due')).toContainText('срок истёк')
    await expect(rows.first().getByTestId('request-due')).toHaveClass(/overdue/)
    await saveScreenshot(page, 'requests-queue')

    await rows.first().click()
    const detail = page.getByTestId('request-detail')
    await expect(page).toHaveURL(/#\/requests\/1$/)
    await detail.getByTestId('request-step-in_review').click()
    await expect(detail).toContainText('на рассмотрении')

    // Asking for documents without saying which or why is refused in Russian; nothing typed is lost.
    await detail.getByTestId('request-step-awaiting_documents').click()
    await expect(detail.getByTestId('form-error')).toContainText('Укажите причину')
    await detail.getByTestId('request-reason').fill('Скан договора нечитаем')
    await detail.getByTestId('request-step-awaiting_documents').click()
    await expect(detail.getByTestId('form-error')).toContainText('Отметьте, каких документов не хватает')
    await expect(detail.getByTestId('request-reason')).toHaveValue('Скан договора нечитаем')
    await detail.getByLabel('документ о прекращении права на помещение').check()
    await detail.getByTestId('request-step-awaiting_documents').click()
    await expect(detail).toContainText('ждёт документы')
    await expect(detail).toContainText('срок стоит')
    // Every step with who and why, those taken here included while the central answer is pending.
    await expect(detail.getByTestId('request-steps').locator('li')).toHaveCount(3)
    await expect(detail.getByTestId('request-steps')).toContainText('на рассмотрении')
    await expect(detail.getByTestId('request-steps')).toContainText('Скан договора нечитаем')
    await saveScreenshot(page, 'requests-awaiting-documents')
    // Back in the queue (Esc), the request shows its new state and the stopped clock.
    await page.keyboard.press('Escape')
    await expect(rows.first()).toContainText('ждёт документы')
    await expect(rows.first().getByTestId('request-due')).toContainText('срок стоит')
    // "Mine": the requests this clerk holds or moved last.
    await page.getByTestId('requests-mine-only').click()
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('Орлова Нина')
  })
})
