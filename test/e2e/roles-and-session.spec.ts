import {
  createStaffDirectly,
  expect,
  invokeFromPage,
  saveScreenshot,
  setUpFirstSupervisor,
  signIn,
  test,
  SUPERVISOR,
} from './fixtures'

test.describe('roles', () => {
  test('an operator can open neither the staff screen nor its channel', async ({ page, console: c }) => {
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'operator', 'operator1', 'пароль-оператора')
    // The supervisor's own page survives a reload (F5): the page asks who is signed in first.
    await page.getByRole('link', { name: 'Сотрудники' }).click()
    await expect(page.getByTestId('staff-table')).toBeVisible()
    await page.reload()
    await expect(page.getByTestId('staff-table')).toBeVisible()
    await expect(page.getByTestId('forbidden')).toHaveCount(0)
    // Whoever signs in next starts at the accounts, not on the page the supervisor left.
    await page.getByTestId('sign-out').click()
    await signIn(page, 'operator1', 'пароль-оператора')
    await expect(page.getByTestId('signed-in-staff')).toContainText('Оператор')
    await expect(page).toHaveURL(/#\/accounts$/)
    await expect(page.getByTestId('forbidden')).toHaveCount(0)

    await expect(page.getByRole('link', { name: 'Сотрудники' })).toHaveCount(0)
    // Paper forms are the clerks': the operator takes readings on the card and has no batch screen.
    await expect(page.getByRole('link', { name: 'Показания' })).toHaveCount(0)
    await page.goto(c.shell.origin + '/#/staff')
    await expect(page.getByTestId('forbidden')).toContainText('Нет доступа')
    await expect(page.getByTestId('staff-table')).toHaveCount(0)

    expect(await invokeFromPage(page, 'staff.list', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN' } })
    const create = await invokeFromPage(page, 'staff.create', {
      login: 'intruder',
      fullName: 'Чужой Человек',
      role: 'supervisor',
      password: 'пароль-чужого',
      passwordRepeat: 'пароль-чужого',
    })
    expect(create).toEqual({ ok: false, error: { code: 'FORBIDDEN' } })
    const count = c.app.local.sql.prepare(`SELECT count(*) AS n FROM staff WHERE login = 'intruder'`).get()
    expect(count).toEqual({ n: 0 })
  })
})

test.describe('idle lock', () => {
  const IDLE_LOCK_MS = 10 * 60_000
  test.use({ appConfig: { idleLockMs: IDLE_LOCK_MS } })

  test('locks an idle session and unlocks it without losing what was typed', async ({ page, console: c }) => {
    // Time passes only when the test says so, in the page and in the main process alike: a real
    // timer could fire while the test is still typing (or not yet, on a loaded machine).
    await page.clock.install()
    await setUpFirstSupervisor(page, c.shell)
    await page.getByRole('link', { name: 'Сотрудники' }).click()
    const form = page.getByTestId('staff-create-form')
    await form.getByLabel('Логин').fill('newclerk')
    await form.getByLabel('ФИО').fill('Сидорова Анна Викторовна')
    const overlay = page.getByTestId('lock-overlay')
    await expect(overlay).toHaveCount(0)
    // A supervisor is not offered to switch themselves off.
    const ownRow = page.getByRole('row', { name: /chief/ })
    await expect(ownRow).toBeVisible()
    await expect(ownRow.getByRole('button', { name: 'Отключить' })).toHaveCount(0)

    c.clock.advance(IDLE_LOCK_MS + 1_000)
    await page.clock.fastForward(IDLE_LOCK_MS + 1_000)
    await expect(overlay).toBeVisible()
    await expect(overlay).toContainText('Сеанс заблокирован')
    // The password typed on return lands in the field: it has the focus.
    await expect(overlay.locator('#unlock-password')).toBeFocused()
    // The main process refuses work from the locked session too, not only the screen.
    expect(await invokeFromPage(page, 'staff.list', {})).toEqual({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    })

    await overlay.locator('#unlock-password').fill('не-тот')
    await overlay.getByRole('button', { name: 'Разблокировать' }).click()
    await expect(overlay.getByTestId('form-error')).toHaveText('Неверный логин или пароль.')
    await overlay.locator('#unlock-password').fill('Водоканал-2026')
    await overlay.getByRole('button', { name: 'Разблокировать' }).click()
    await expect(overlay).toHaveCount(0)

    await expect(form.getByLabel('Логин')).toHaveValue('newclerk')
    await expect(form.getByLabel('ФИО')).toHaveValue('Сидорова Анна Викторовна')
  })
})

test.describe('own password', () => {
  test('a password the supervisor gave is changed at the first sign-in; later, by choice', async ({
    page,
    console: c,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await page.getByRole('link', { name: 'Сотрудники' }).click()
    const form = page.getByTestId('staff-create-form')
    await form.getByLabel('Логин').fill('sidorova')
    await form.getByLabel('ФИО').fill('Сидорова Анна Викторовна')
    await form.locator('#staff-password').fill('выданный-пароль-1')
    // The rule under the fields as the supervisor types, the same on every form that takes a password.
    await expect(form.locator('.hint')).toContainText('Не короче 8 символов')
    await form.locator('#staff-password-repeat').fill('выданный-пароль-2')
    await expect(form.locator('.hint')).toHaveText('Пароли не совпадают.')
    await saveScreenshot(page, 'staff-create-password-rule')
    await form.locator('#staff-password-repeat').fill('выданный-пароль-1')
    await form.getByRole('button', { name: 'Создать' }).click()
    await expect(page.getByTestId('staff-table')).toContainText('sidorova')
    await page.getByTestId('sign-out').click()

    await signIn(page, 'sidorova', 'выданный-пароль-1')
    await expect(page.getByTestId('password-change-required')).toContainText('Сидорова Анна Викторовна')
    await expect(page.getByTestId('signed-in-staff')).toHaveCount(0)
    // Nothing else opens from this session until the password is changed, whatever a page script tries.
    expect(await invokeFromPage(page, 'accounts.search', { query: 'Иванов' })).toEqual({
      ok: false,
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    })
    const change = page.getByTestId('change-password-form')
    await change.locator('#own-password-current').fill('выданный-пароль-1')
    await change.locator('#own-password-new').fill('выданный-пароль-1')
    await change.locator('#own-password-repeat').fill('выданный-пароль-1')
    await saveScreenshot(page, 'password-change-required')
    await change.getByRole('button', { name: 'Сменить пароль' }).click()
    await expect(change.getByTestId('form-error')).toContainText('совпадает с нынешним')
    // The refusal keeps the new password typed; only the current one is asked again.
    await expect(change.locator('#own-password-new')).toHaveValue('выданный-пароль-1')
    await change.locator('#own-password-current').fill('выданный-пароль-1')
    await change.locator('#own-password-new').fill('свой-пароль-сидоровой')
    await change.locator('#own-password-repeat').fill('свой-пароль-сидоровой')
    await change.getByRole('button', { name: 'Сменить пароль' }).click()
    await expect(page.getByTestId('signed-in-staff')).toContainText('Сидорова Анна Викторовна')

    // Later, by choice: the key button beside the name.
    await page.getByTestId('own-password').click()
    const dialog = page.getByRole('dialog', { name: 'Смена пароля' })
    // It opens in the current password, so a password typed at once lands there, not on "×".
    await expect(dialog.locator('#own-password-current')).toBeFocused()
    await page.keyboard.type('свой-пароль-сидоровой')
    await expect(dialog.locator('#own-password-current')).toHaveValue('свой-пароль-сидоровой')
    await dialog.locator('#own-password-new').fill('второй-пароль-сидоровой')
    await dialog.locator('#own-password-repeat').fill('второй-пароль-сидоровой')
    await dialog.getByRole('button', { name: 'Сменить пароль' }).click()
    await expect(dialog.getByTestId('own-password-changed')).toBeVisible()
    await page.keyboard.press('Escape')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'sidorova', 'второй-пароль-сидоровой')
    await expect(page.getByTestId('signed-in-staff')).toContainText('Сидорова Анна Викторовна')
  })
})

test.describe('language', () => {
  test('switches the whole interface to English and back to Russian', async ({ page, console: c }) => {
    await setUpFirstSupervisor(page, c.shell)
    const switcher = page.getByTestId('locale-switch')
    await switcher.getByText('EN').click()
    await expect(page.getByRole('link', { name: 'Accounts' })).toBeVisible()
    await expect(page.getByTestId('sync-badge')).toContainText('Local database only')
    await expect(page.getByTestId('signed-in-staff')).toContainText('Supervisor')
    await expect(page.getByTestId('sign-out')).toContainText('Sign out')

    // The choice survives a reload.
    await page.reload()
    await expect(page.getByRole('link', { name: 'Accounts' })).toBeVisible()

    await page.getByTestId('locale-switch').getByText('RU').click()
    await expect(page.getByRole('link', { name: 'Абоненты' })).toBeVisible()
    await expect(page.getByTestId('sign-out')).toContainText('Выйти')
  })
})

test.describe('staff', () => {
  test('a supervisor corrects a name, changes a role, switches an account off and back on', async ({
    page,
    console: c,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'kravchenko', 'пароль-кравченко-1')
    await page.getByRole('link', { name: 'Сотрудники' }).click()
    const table = page.getByTestId('staff-table')
    await page.getByTestId('staff-edit-kravchenko').click()
    const form = page.getByTestId('staff-edit-form')
    // The dialog opens in the name, so what is typed at once lands there.
    await expect(form.locator('input[name="editFullName"]')).toBeFocused()
    await form.locator('input[name="editFullName"]').fill('Кравченко-Белая Мария Олеговна')
    await form.locator('#staff-edit-role').click()
    await page.getByRole('option', { name: 'Старший смены' }).click()
    await form.getByTestId('staff-edit-active').click()
    await saveScreenshot(page, 'staff-edit')
    await form.getByTestId('staff-edit-save').click()
    const row = table.getByRole('row', { name: /kravchenko/ })
    await expect(row).toContainText('Кравченко-Белая Мария Олеговна')
    await expect(row).toContainText('Старший смены')
    await expect(row).toContainText('Отключён')
    // Back on: the account works again.
    await page.getByTestId('staff-edit-kravchenko').click()
    await form.getByTestId('staff-edit-active').click()
    await form.getByTestId('staff-edit-save').click()
    await expect(row).toContainText('Активен')
    // One's own role cannot be changed here: the refusal says who can, and the dialog keeps its fields.
    await page.getByTestId(`staff-edit-${SUPERVISOR.login}`).click()
    await form.locator('#staff-edit-role').click()
    await page.getByRole('option', { name: 'Специалист' }).click()
    await form.getByTestId('staff-edit-save').click()
    await expect(form.getByTestId('form-error')).toContainText('Свою роль изменить нельзя')
  })
})
