import { aMeter, anAccount } from '../support/account-builder'
import { centralTest as test, expect, saveScreenshot, startAsSupervisor } from './fixtures'

test.describe('readings from the website', () => {
  test('wait for review when the checks flag them; a supervisor accepts one and rejects one with a reason', async ({
    page,
    console: c,
    central,
  }) => {
    const account = anAccount({ id: 1, surname: 'Орлова', firstName: 'Нина', patronymic: 'Петровна' })
    await central.pool.query(
      `INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district, street, house,
      apartment, house_type, status, opened_on) VALUES (1, $1, $2, 'Орлова', 'Нина', 'Петровна', 'Ленинский',
      'ул. Ленина', '1', '1', 'mkd', 'active', '2015-01-01')`,
      [account.number, account.eircNumber],
    )
    const meter = aMeter({ id: 1, accountId: 1, serial: 'СВ-1001' })
    await central.pool.query(
      `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
      VALUES (1, 1, $1, 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`,
      [meter.serial],
    )
    await central.pool.query(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-09', 95000, '2026-09-01T09:00:00Z', 'web'), (1, '2026-10', 100000, '2026-10-01T09:00:00Z', 'web')`)
    // What the website writes when subscribers submit (docs/portal-contract.md).
    await central.pool
      .query(`INSERT INTO portal_readings (account_number, meter_serial, value_text, submitted_at) VALUES
      ('40000001', 'СВ-1001', '180', '2026-11-02T10:00:00+03:00'),
      ('49999999', 'СВ-7', '12,5', '2026-11-02T11:00:00+03:00')`)

    await startAsSupervisor(page, c)
    await c.app.sync!.syncNow()
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.getByTestId('web-review-link').click()
    const spike = page.getByRole('row', { name: /40000001/ })
    await expect(spike).toContainText('Орлова Нина Петровна')
    await expect(spike).toContainText('расход намного выше обычного')
    // The value beside the meter's last accepted one, and the periods by their month.
    await expect(spike.getByTestId('web-review-previous')).toContainText('100,000')
    await expect(spike.getByTestId('web-review-previous')).toContainText('октябрь 2026')
    await expect(spike).toContainText('ноябрь 2026')
    const unknown = page.getByRole('row', { name: /49999999/ })
    await expect(unknown).toContainText('лицевой счёт не найден')
    await expect(unknown.getByRole('button', { name: 'Принять' })).toHaveCount(0)
    await saveScreenshot(page, 'readings-web-review')

    await spike.getByRole('button', { name: 'Принять' }).click()
    await expect(page.getByRole('row', { name: /40000001/ })).toHaveCount(0)
    await unknown.getByPlaceholder('Причина').fill('Лицевой счёт не найден — проверьте номер в квитанции')
    await unknown.getByRole('button', { name: 'Отклонить' }).click()
    await expect(page.getByTestId('web-review-empty')).toBeVisible()

    await c.app.sync!.syncNow()
    const decided = await central.pool.query(
      `SELECT account_number, state, decided_by, decision_reason FROM portal_readings ORDER BY id`,
    )
    expect(decided.rows).toEqual([
      { account_number: '40000001', state: 'accepted', decided_by: 'chief', decision_reason: null },
      {
        account_number: '49999999',
        state: 'rejected',
        decided_by: 'chief',
        decision_reason: 'Лицевой счёт не найден — проверьте номер в квитанции',
      },
    ])
    const saved = await central.pool.query(
      `SELECT value_milli, source, flags FROM readings WHERE period = '2026-11'`,
    )
    expect(saved.rows).toEqual([{ value_milli: 180_000, source: 'web', flags: ['spike'] }])
  })
})
