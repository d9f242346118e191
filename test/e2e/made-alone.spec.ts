import { moscowDate } from '@shared/domain/moscow-time'
import { aMeter, anAccount, insertAccounts, insertMeters } from '../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../support/central-database'
import {
  centralTest as test,
  createStaffDirectly,
  expect,
  fillCentralForm,
  saveScreenshot,
  setUpFirstSupervisor,
} from './fixtures'

/**
 * A console that worked alone is enrolled; what its own clerk and operator did waits on the settings
 * screen for the supervisor, who accepts one item and discards the other
 * (docs/central-service.md#work-made-before-enrolment).
 */
test.describe('work made before the console joined the service', () => {
  test.use({ connectToCentral: false })

  test('the supervisor accepts one item and discards another; only the accepted one reaches the central database', async ({
    page,
    console: c,
    central,
  }) => {
    const account = anAccount({ id: 1, number: '40000001', surname: 'Тихонова', firstName: 'Вера' })
    const meters = [
      aMeter({ id: 11, accountId: 1, serial: 'ХВ-101' }),
      aMeter({ id: 12, accountId: 1, serial: 'ГВ-102' }),
    ]
    insertAccounts(c.app.local.sql, [account])
    insertMeters(c.app.local.sql, meters)
    await insertCentralAccounts(central.pool, [account])
    await insertCentralMeters(central.pool, meters)

    await setUpFirstSupervisor(page, c.shell)
    await createStaffDirectly(c.app, 'clerk', 'kassir', 'Пароль-кассира-2026')
    await createStaffDirectly(c.app, 'operator', 'zvonok', 'Пароль-оператора-2026')
    const today = moscowDate(c.clock.now())
    for (const [login, password, source, meterId, value] of [
      ['kassir', 'Пароль-кассира-2026', 'paper', 11, '12'],
      ['zvonok', 'Пароль-оператора-2026', 'phone', 12, '13'],
    ] as const) {
      const signedIn = await c.app.router.invoke({ channel: 'auth.signIn', payload: { login, password } })
      if (!signedIn.ok) throw new Error(`${login} could not sign in`)
      const recorded = await c.app.router.invoke({
        channel: 'readings.record',
        payload: { accountNumber: '40000001', receivedOn: today, source, values: [{ meterId, value }] },
        token: (signedIn.data as { token: string }).token,
      })
      if (!recorded.ok) throw new Error(`${login}'s reading: ${recorded.error.code}`)
    }

    await page.getByRole('link', { name: 'Настройки' }).click()
    await fillCentralForm(page, {
      url: central.serviceUrl,
      caPem: central.caPem,
      consoleName: 'Касса, окно 2',
    })
    await expect(page.getByTestId('central-saved')).toContainText('Консоль подключена')
    const work = page.getByTestId('made-alone')
    await expect(work).toContainText('Работа до подключения к службе: 2')
    const rows = work.getByTestId('made-alone-table').locator('tbody tr')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0)).toContainText('Петров Пётр (clerk)')
    await expect(rows.nth(0)).toContainText('ввёл показания')
    await expect(rows.nth(1)).toContainText('Петров Пётр (operator)')
    await saveScreenshot(page, 'settings-made-alone', { fullPage: true })

    await rows.nth(0).getByRole('button', { name: 'Принять' }).click()
    await expect(page.getByTestId('made-alone-done')).toContainText('Принято: 1')
    await expect(rows).toHaveCount(1)
    await rows.nth(0).getByRole('button', { name: 'Отклонить' }).click()
    await expect(page.getByTestId('made-alone-done')).toContainText('Отклонено: 1')
    await expect(work.getByTestId('made-alone-table')).toHaveCount(0)

    // The accepted form arrives, as the supervisor's, saying it was the clerk's; the other never does.
    await expect
      .poll(async () => {
        await c.app.sync!.syncNow()
        const { rows: readings } = await central.pool.query(
          `SELECT value_milli::int AS v, entered_by FROM readings WHERE meter_id = 11`,
        )
        return readings
      })
      .toEqual([{ v: 12_000, entered_by: 'chief' }])
    const { rows: audit } = await central.pool.query(
      `SELECT detail->'madeAlone'->>'login' AS by FROM central_audit WHERE detail->'madeAlone' IS NOT NULL`,
    )
    expect(audit).toEqual([{ by: 'kassir' }])
  })
})
