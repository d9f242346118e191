import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { electronBinary } from '../../scripts/release/electron-binary'
import { _electron as electron, expect, test } from '@playwright/test'
import { startUpdateFeedServer } from '../support/update-feed-server'
import { fillFirstSupervisor } from './fixtures'

/**
 * The desktop shell itself. It needs Electron's binary, which cannot be downloaded on build machines
 * without internet access (the install skips it); there the tests are skipped and say so. On Linux the
 * console also needs a keyring in the session (docs/delivery.md, "The key store"): run these under
 * `dbus-run-session` with gnome-keyring started and unlocked.
 */
const binary = electronBinary()
const SKIP_REASON =
  'SKIPPED: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD), so the desktop window cannot start'
if (!binary) console.log(`Electron shell tests ${SKIP_REASON}`)

/** A packaged Linux build (`npm run dist -- --linux`): updates only run in an installed program. */
const PACKAGED = resolve('dist/linux-unpacked/vodokanal-console')
const PACKAGED_SKIP =
  'SKIPPED: no packaged build in dist/linux-unpacked (npm run dist -- --linux needs the Electron binary)'
if (!existsSync(PACKAGED)) console.log(`Electron update prompt test ${PACKAGED_SKIP}`)

const userData = () => mkdtempSync(join(tmpdir(), 'vodokanal-electron-'))

test.describe('Electron shell', () => {
  test.skip(!binary, SKIP_REASON)

  test('opens a hardened window showing the first-run screen', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [resolve('out/main/main.cjs'), `--user-data-dir=${userData()}`],
    })
    const window = await app.firstWindow()
    await expect(window.getByRole('heading', { name: /Первый запуск|Вход в консоль/ })).toBeVisible()
    const exposed = await window.evaluate(() => ({
      node: typeof (globalThis as { require?: unknown }).require,
      bridge: Object.keys((window as unknown as { vodokanal: object }).vodokanal).sort(),
    }))
    expect(exposed).toEqual({ node: 'undefined', bridge: ['invoke', 'subscribe'] })
    await app.close()
  })

  test('runs once per user: a second start quits and the first window comes forward', async () => {
    const dir = userData()
    const args = [resolve('out/main/main.cjs'), `--user-data-dir=${dir}`]
    const app = await electron.launch({ executablePath: binary!, args })
    const window = await app.firstWindow()
    await expect(window.getByRole('heading', { name: /Первый запуск|Вход в консоль/ })).toBeVisible()
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.minimize())
    const second = spawn(binary!, args, { stdio: 'ignore' })
    const code = await new Promise<number | null>((done) => second.once('exit', done))
    expect(code).toBe(0)
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => !w.isMinimized())),
      )
      .toEqual([true])
    await app.close()
  })
})

test.describe('Electron update prompt', () => {
  test.skip(!binary || !existsSync(PACKAGED), PACKAGED_SKIP)

  test('offers "restart to update" once a newer build is downloaded and checked', async () => {
    const feeds = await startUpdateFeedServer()
    try {
      await feeds.publish('stable', '99.0.0')
      const app = await electron.launch({ executablePath: PACKAGED, args: [`--user-data-dir=${userData()}`] })
      const window = await app.firstWindow()
      // The first supervisor, then the feed's address on the settings screen, as a supervisor sets it.
      await fillFirstSupervisor(window)
      await window.getByRole('link', { name: 'Настройки' }).click()
      await window.getByTestId('update-feed-url').fill(feeds.url('stable'))
      await window.getByTestId('save-updates').click()
      // Checked at once, downloaded in the background, its signature checked: then the offer.
      await expect(window.getByText(/99\.0\.0/)).toBeVisible({ timeout: 60_000 })
      await expect(window.getByRole('button', { name: 'Перезапустить' })).toBeVisible()
      await app.close()
    } finally {
      await feeds.stop()
    }
  })
})
