import nodemailer from 'nodemailer'
import { deliverDueMail } from '../../src-central/mailer/deliver-mail'
import { fileQuestion } from '../../scripts/portal/simulator'
import { startSmtpInbox } from '../support/smtp-inbox'
import { centralTest as test, createStaffDirectly, expect, saveScreenshot, signIn } from './fixtures'

const CLERK = { login: 'clerk1', password: 'пароль-специалиста' }
const OPERATOR = { login: 'operator1', password: 'пароль-оператора' }

/**
 * Subscribers' questions in Chromium against a real central service
 * (docs/business-rules.md#subscribers-questions): a phone question logged from a card, a website question
 * answered with a `::` template and Ctrl+Enter by keyboard alone (the letter read back from a real SMTP
 * server), and the overdue view with an old question whose every field carries markup.
 */
test.describe('the questions inbox', () => {
  test.beforeEach(async ({ central }) => {
    await central.pool.query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic,
      district, street, house, house_type, status, opened_on, email, phone)
      VALUES (1, '40000001', '920100000001', 'Орлова', 'Нина', 'Петровна', 'Гагаринский', 'ул. Вакуленчука', '14',
      'private', 'active', '2015-01-01', 'orlova@mail.ru', '+7 978 555-66-77')`)
    await central.pool.query(`INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES
      (1, '2026-10', 'water', 84250), (1, '2026-10', 'sewerage', 40000)`)
    await central.pool.query(`INSERT INTO payments (billing_id, account_id, paid_on, amount_kopecks, channel)
      VALUES ('p1', 1, '2026-10-15', 100000, 'bank')`)
  })

  test('an operator logs a question taken by phone from the account card', async ({ page, console: c }) => {
    await createStaffDirectly(c.app, 'operator', OPERATOR.login, OPERATOR.password)
    await c.app.sync!.syncNow()
    await page.goto(`${c.shell.url}#/accounts/1`)
    await signIn(page, OPERATOR.login, OPERATOR.password)
    await expect(page.getByTestId('card-header')).toContainText('Орлова Нина Петровна')

    await page.getByTestId('card-log-question').click()
    const dialog = page.getByTestId('question-log')
    // The caller is the owner, as the card has them; the operator only corrects what differs. The
    // dialog opens in its first field, and its "×" is named in Russian.
    await expect(dialog.getByTestId('log-surname')).toHaveValue('Орлова')
    await expect(dialog.getByTestId('log-surname')).toBeFocused()
    await expect(dialog.getByRole('button', { name: 'Закрыть' })).toBeVisible()
    await expect(dialog.getByTestId('log-account')).toHaveValue('40000001')
    // Sent without a subject or a question: said in Russian, nothing typed is lost.
    await dialog.getByTestId('question-log-submit').click()
    await expect(dialog.getByTestId('form-error')).toContainText('Тема')
    await saveScreenshot(page, 'question-log-refused')
    await dialog.getByTestId('log-subject').click()
    await page.getByRole('option', { name: 'Оплата и задолженность' }).click()
    await dialog.getByTestId('log-message').fill('Не видит оплату от 15 октября в квитанции.')
    // Ctrl+Enter sends it from the text, as every form of the console.
    await dialog.getByTestId('log-message').press('Control+Enter')
    await expect(page.getByTestId('card-question-logged')).toContainText('Вопрос записан')

    // Back from the central database with its number, on the card and in the operator's own view.
    const onCard = page
      .locator('[data-testid^="card-question-"]')
      .filter({ hasText: 'Оплата и задолженность' })
    await expect(onCard).toContainText('в работе')
    await page.getByRole('link', { name: /Обращения/ }).click()
    await page.getByTestId('questions-views').getByText(/^Мои/).click()
    const row = page.locator('[data-testid^="question-row-"]').first()
    await expect(row).toContainText('Оплата и задолженность')
    await expect(row).toContainText('Петров Пётр (operator)')
    await expect(row.getByTestId('question-due')).toContainText('осталось 30 дней')
  })

  test('a clerk answers a website question with a template and Ctrl+Enter, by keyboard alone', async ({
    page,
    console: c,
    central,
  }) => {
    const smtp = await startSmtpInbox()
    try {
      const id = await fileQuestion(central.pool, {
        surname: 'Орлова',
        firstName: 'Нина',
        patronymic: 'Петровна',
        email: 'orlova@mail.ru',
        accountNumber: '40000001',
        subject: 'Почему такая сумма?',
        message: 'Прошу разъяснить начисление за октябрь.',
      })
      await createStaffDirectly(c.app, 'clerk', CLERK.login, CLERK.password)
      await c.app.sync!.syncNow()
      await page.goto(`${c.shell.url}#/questions`)
      await signIn(page, CLERK.login, CLERK.password)
      await expect(page.getByTestId('nav-questions-new')).toHaveText('1')
      await expect(page.getByTestId(`question-row-${id}`)).toContainText('Орлова Нина Петровна')
      await saveScreenshot(page, 'questions-inbox')

      // The inbox has the focus on arrival: Enter opens the first question, no Tab first.
      await expect(page.getByTestId('question-queue')).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('question-detail')).toContainText(
        'Прошу разъяснить начисление за октябрь.',
      )
      const composer = page.getByTestId('composer-text')
      await expect(composer).toBeFocused()
      await page.keyboard.type('::нач')
      const offered = page.getByTestId('template-list')
      await expect(offered.getByRole('option').first()).toContainText('Начисления')
      await saveScreenshot(page, 'questions-template')
      await page.keyboard.press('Enter')
      await expect(offered).toBeHidden()
      await expect(composer).toHaveValue(/Здравствуйте, Нина Петровна!/)
      await expect(composer).toHaveValue(/— начислено: 1\s242,50 руб\.\n— оплачено: 1\s000,00 руб\./)
      await page.keyboard.press('Control+End')
      await page.keyboard.press('Enter')
      await page.keyboard.type('P.S. Квитанция за ноябрь придёт до 5 декабря.')
      await page.keyboard.press('Control+Enter')
      await expect(page.getByTestId('question-notice')).toContainText('Ответ отправлен')
      await expect(page.getByTestId('message-answer')).toContainText('Нина Петровна')
      await expect(page.getByTestId('question-state')).toHaveText('отвечено')
      await saveScreenshot(page, 'questions-answered')

      // The mailer takes it from the queue to a real SMTP server: read back, in UTF-8, filled in.
      const transport = nodemailer.createTransport(smtp.url)
      expect(
        await deliverDueMail(central.pool, transport, { from: 'ГУП «Водоканал» <noreply@vodokanal-sev.ru>' }),
      ).toMatchObject({ sent: 1 })
      const [letter] = smtp.messages
      expect(letter!.to).toMatchObject({ text: 'orlova@mail.ru' })
      expect(letter!.subject).toBe(`Ответ на обращение № ${id}: Почему такая сумма?`)
      expect(letter!.text).toContain('Здравствуйте, Нина Петровна!')
      expect(letter!.text).toContain('По лицевому счёту 40000001 за октябрь 2026:')
      expect(letter!.text).toMatch(/— начислено: 1\s242,50 руб\./)
      expect(letter!.text).toContain('— задолженность на сегодня: 242,50 руб.')
      expect(letter!.text).toContain('P.S. Квитанция за ноябрь придёт до 5 декабря.')
      expect(letter!.text).not.toContain('{{')
    } finally {
      await smtp.close()
    }
  })

  test('a question a supervisor assigns elsewhere is announced quietly, without taking the focus', async ({
    page,
    console: c,
    central,
  }) => {
    await createStaffDirectly(c.app, 'clerk', CLERK.login, CLERK.password)
    await c.app.sync!.syncNow()
    await page.goto(`${c.shell.url}#/accounts`)
    await signIn(page, CLERK.login, CLERK.password)
    const search = page.getByTestId('account-search')
    await search.click()
    await search.pressSequentially('Орл')
    // The console has looked once at what is assigned to the clerk (a sync since the sign-in).
    await c.app.sync!.syncNow()
    const id = await fileQuestion(central.pool, {
      surname: 'Орлова',
      firstName: 'Нина',
      email: 'orlova@mail.ru',
      accountNumber: '40000001',
      subject: 'Перерасчёт',
      message: 'Прошу пересчитать октябрь.',
    })
    // Assigned on another console, as a supervisor would: it reaches this one with sync.
    await central.pool.query(`UPDATE portal_questions SET assigned_to = $2, state = 'taken' WHERE id = $1`, [
      id,
      CLERK.login,
    ])
    const toast = page.getByTestId('work-toast')
    await expect(toast).toContainText('Вам назначено 1 обращение абонента')
    await expect(search).toBeFocused()
    await search.pressSequentially('ова')
    await expect(search).toHaveValue('Орлова')
    await saveScreenshot(page, 'work-toast')
  })

  test('the overdue view lists an old question, and every field a subscriber wrote is shown as text', async ({
    page,
    console: c,
    central,
  }) => {
    const markup = '<img src=x onerror="window.__xss=1"><b>жирный</b>'
    const long = `${'Очень длинный вопрос про перерасчёт. '.repeat(265)}<script>window.__xss=2</script>`
    const id = await fileQuestion(central.pool, {
      surname: `Орлова${markup}`,
      firstName: `Нина${markup}`,
      email: 'orlova@mail.ru',
      accountNumber: '40000001',
      subject: `Перерасчёт ${markup}`,
      message: long,
    })
    expect(long.length).toBeGreaterThan(10_000 - 200)
    // Asked in early September: long past its 30 days.
    await central.pool.query(
      `UPDATE portal_questions SET submitted_at = '2026-09-01T09:00:00Z' WHERE id = $1`,
      [id],
    )
    await central.pool.query(
      `UPDATE portal_question_steps SET at = '2026-09-01T09:00:00Z' WHERE question_id = $1`,
      [id],
    )
    await createStaffDirectly(c.app, 'clerk', CLERK.login, CLERK.password)
    await c.app.sync!.syncNow()
    await page.goto(`${c.shell.url}#/questions`)
    await signIn(page, CLERK.login, CLERK.password)
    await expect(page.getByTestId('nav-questions-overdue')).toHaveText('1')
    await page
      .getByTestId('questions-views')
      .getByText(/^Просроченные/)
      .click()
    const row = page.getByTestId(`question-row-${id}`)
    await expect(row.getByTestId('question-due')).toContainText(/просрочено на \d+ дн/)
    await expect(row.getByTestId('question-due')).toHaveClass(/overdue/)
    await expect(row).toContainText(`Перерасчёт ${markup}`)
    await saveScreenshot(page, 'questions-overdue')

    await row.click()
    const conversation = page.getByTestId('question-conversation')
    await expect(conversation).toContainText('<script>window.__xss=2</script>')
    await expect(page.getByTestId('question-detail').locator('b, img, script')).toHaveCount(0)
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    // Found by the words of the question, ё or е, any case.
    await page.getByTestId('question-back').click()
    await page.getByTestId('questions-views').getByText(/^Все/).click()
    await page.getByTestId('questions-search').fill('ПЕРЕРАСЧЕТ')
    await expect(page.getByTestId(`question-row-${id}`)).toBeVisible()
    await page.getByTestId('questions-search').fill('перерасчёт водоотведения')
    await expect(page.getByTestId('question-empty')).toBeVisible()
  })
})
