import { loopbackUpdater, startUpdateFeedServer } from '../support/update-feed-server'
import { expect, saveScreenshot, setUpFirstSupervisor, test } from './fixtures'

test.describe('keys help', () => {
  test('F1 shows the screen’s keys, Alt+digits jump through the sections, Esc closes', async ({
    page,
    console: c,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await page.keyboard.press('Alt+2')
    await expect(page).toHaveURL(/#\/readings$/)
    await page.keyboard.press('F1')
    const help = page.getByTestId('help-panel')
    await expect(help).toContainText('F8')
    await expect(help).toContainText('отложить бланк')
    await expect(help).toContainText('Alt+9')
    await saveScreenshot(page, 'help-panel')
    await page.keyboard.press('Escape')
    await expect(help).toBeHidden()
    // The rail's order for a supervisor: … Отчёты (6), Сотрудники (7), Журнал (8), Настройки (9).
    await page.keyboard.press('Alt+9')
    await expect(page).toHaveURL(/#\/settings$/)
    await expect(page.getByTestId('updates-panel')).toContainText('ставятся в установленной программе')
  })
})

test.describe('updates', () => {
  let feeds: Awaited<ReturnType<typeof startUpdateFeedServer>>
  test.beforeAll(async () => {
    feeds = await startUpdateFeedServer()
    await feeds.publish('stable', '99.0.0')
  })
  test.afterAll(() => feeds.stop())
  const restarts: string[] = []
  // The installed program's cycle, its platform part played by the same feed code over loopback.
  test.use({ appConfig: { updater: (needs) => loopbackUpdater(feeds, restarts)(needs) } })

  test('a supervisor points the console at the update server; the update waits for open work', async ({
    page,
    console: c,
  }) => {
    await setUpFirstSupervisor(page, c.shell)
    await page.goto(`${c.shell.origin}/#/settings`)
    const panel = page.getByTestId('updates-panel')
    await panel.getByTestId('update-feed-url').fill('ftp://wrong')
    await panel.getByTestId('save-updates').click()
    await expect(panel).toContainText('Адрес сервера обновлений')
    await panel.getByTestId('update-feed-url').fill(feeds.url('stable'))
    await panel.getByTestId('save-updates').click()
    await expect(panel).toContainText('Настройки сохранены')
    await panel.getByRole('button', { name: 'Проверить сейчас' }).click()
    await expect(page.getByTestId('update-state')).toContainText('версия 99.0.0 загружена и проверена')
    const banner = page.getByTestId('update-banner')
    await expect(banner).toContainText('Загружена новая версия 99.0.0')

    // An open batch of paper forms: the restart waits, and says why.
    await page.goto(`${c.shell.origin}/#/readings`)
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.getByTestId('batch-period')).toBeVisible()
    await banner.getByRole('button', { name: 'Перезапустить и обновить' }).click()
    await expect(banner).toContainText('Сначала завершите открытую работу')
    await saveScreenshot(page, 'update-ready')
    expect(restarts).toEqual([])
  })
})
