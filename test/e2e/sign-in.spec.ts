import {
  createStaffDirectly,
  expect,
  saveScreenshot,
  setUpFirstSupervisor,
  signIn,
  SUPERVISOR,
  test,
} from './fixtures'

test.describe('first start and sign-in', () => {
  test('creates the first supervisor on an empty database and opens the shell', async ({
    page,
    console: c,
  }) => {
    await page.goto(c.shell.url)
    await expect(page.getByRole('heading', { name: 'Первый запуск' })).toBeVisible()
    await saveScreenshot(page, 'first-run')
    await setUpFirstSupervisor(page, c.shell)

    const rail = page.getByRole('navigation')
    for (const item of [
      'Абоненты',
      'Показания',
      'Регистрации',
      'Заявки',
      'Обращения',
      'Отчёты',
      'Сотрудники',
    ])
      await expect(rail.getByRole('link', { name: item })).toBeVisible()
    await expect(page.getByTestId('signed-in-staff')).toContainText('Старший смены')
    await expect(page.getByTestId('sync-badge')).toContainText('Только локальная база')
    await saveScreenshot(page, 'shell')

    // The secret left the address bar once the page had it.
    expect(page.url()).not.toContain('secret=')
    await page.getByTestId('sign-out').click()
    await expect(page.getByRole('heading', { name: 'Вход в консоль' })).toBeVisible()
    // A second first-run is refused by the main process too.
    const second = await c.app.router.invoke({
      channel: 'auth.setupFirstSupervisor',
      payload: {
        login: 'other',
        fullName: 'Другой Человек',
        password: 'другой-пароль',
        passwordRepeat: 'другой-пароль',
      },
    })
    expect(second).toEqual({ ok: false, error: { code: 'ALREADY_SET_UP' } })
  })

  test('refuses a wrong password with a clear message, then lets the right one in', async ({
    page,
    console: c,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await page.getByTestId('sign-out').click()
    await saveScreenshot(page, 'sign-in')

    await signIn(page, SUPERVISOR.login, 'не-тот-пароль')
    await expect(page.getByTestId('form-error')).toHaveText('Неверный логин или пароль.')
    await expect(page.getByTestId('sign-in-form').getByLabel('Логин')).toHaveValue(SUPERVISOR.login)

    await signIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await expect(page.getByTestId('signed-in-staff')).toContainText(SUPERVISOR.fullName)
  })

  test('locks a login after five wrong passwords in a row, even against the right one', async ({
    page,
    console: c,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'clerk1', 'пароль-клерка-1')
    await page.getByTestId('sign-out').click()

    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(page, 'clerk1', `ошибка-${attempt}`)
      await expect(page.getByTestId('form-error')).toHaveText('Неверный логин или пароль.')
    }
    await signIn(page, 'clerk1', 'ошибка-5')
    await expect(page.getByTestId('form-error')).toContainText(
      'Слишком много неверных попыток. Вход заблокирован до',
    )

    await signIn(page, 'clerk1', 'пароль-клерка-1')
    await expect(page.getByTestId('form-error')).toContainText('Вход заблокирован до')
    await expect(page.getByTestId('signed-in-staff')).toHaveCount(0)

    // The supervisor sees the lock on the staff screen.
    await signIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await page.getByRole('link', { name: 'Сотрудники' }).click()
    await expect(page.getByRole('row', { name: /clerk1/ })).toContainText('Вход заблокирован до')
  })
})
