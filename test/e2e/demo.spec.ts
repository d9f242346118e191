import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { freePort } from '../support/postgres-server'
import { saveScreenshot } from './fixtures'

/**
 * `npm run demo` as a newcomer runs it after `npm ci` (docs/portal-contract.md): its own PostgreSQL,
 * the demo city, the central service, the mail catcher, the website simulator and a console. The
 * build step of `npm run demo` is the one the end-to-end run has already done.
 */
test('npm run demo: a registration from the website simulator reaches the console, and the letter the catcher', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-demo-'))
  let demo: ChildProcess | null = null
  // The same ports on both runs, as a newcomer's second `npm run demo` has them.
  const ports = ['--port', '0', '--pg-port', String(await freePort())]
  ports.push('--service-port', String(await freePort()))
  const start = async () => {
    demo = spawn(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'scripts/demo.ts',
        ...['--data-dir', join(dataDir, 'demo'), '--accounts', '300', '--rate', '120'],
        ...ports,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    return new Promise<{ console: string; mail: string }>((resolve, reject) => {
      let printed = ''
      demo!.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString()
        const console_ = /Консоль:\s+(\S+)/.exec(printed)?.[1]
        const mail = /Письма абонентам:\s+(\S+)/.exec(printed)?.[1]
        if (console_ && mail) resolve({ console: console_, mail })
      })
      demo!.once('exit', (code) => reject(new Error(`npm run demo exited with ${code}: ${printed}`)))
    })
  }
  const stop = async () => {
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo!.once('exit', resolve))
      demo.kill('SIGINT')
      await exited
    }
  }
  try {
    const addresses = await start()

    // The demo's console signs its supervisor in by itself.
    await page.goto(addresses.console)
    // (It tries again while the service is busy; a refusal is reported with the screen's own words.)
    await expect(page.getByTestId('signed-in-staff'))
      .toContainText('Демо Супервизор', { timeout: 60_000 })
      .catch(async (error: Error) => {
        const said = await page
          .getByTestId('sign-in-form')
          .innerText()
          .catch(() => '')
        throw new Error(`${error.message}\nThe sign-in screen said: ${said}`)
      })
    // The simulator writes a registration every few seconds; the console hears of it through the service.
    await expect(page.getByTestId('nav-registrations-count')).toHaveText(/^[1-9]\d*$/, { timeout: 90_000 })
    await page.getByRole('link', { name: /Регистрации/ }).click()
    await expect(page.getByTestId('registration-queue')).toBeFocused()
    await saveScreenshot(page, 'demo-console')
    await page.keyboard.press('Enter')
    const confirm = page.getByTestId('confirm-registration')
    await expect(confirm).toBeVisible()
    if (await confirm.isEnabled()) await page.keyboard.press('Control+Enter')
    else {
      await page.keyboard.type('Фамилия не совпадает с фамилией владельца лицевого счёта')
      await page.keyboard.press('Enter')
    }

    // The decision's letter, delivered by the demo's mailer to the catcher.
    await page.goto(addresses.mail)
    await expect(page.locator('article').first()).toContainText('Регистрация в личном кабинете', {
      timeout: 60_000,
    })
    await saveScreenshot(page, 'demo-mail')

    // The second run reuses the data, and its console is connected to its service again.
    await stop()
    const again = await start()
    // The mail catcher's page refreshes itself: leave it first, or its refresh cuts the next navigation.
    await page.goto('about:blank')
    await page.goto(again.console)
    await expect(page.getByTestId('signed-in-staff')).toContainText('Демо Супервизор', { timeout: 60_000 })
    await expect(page.getByTestId('sync-badge')).toContainText('В сети', { timeout: 60_000 })
  } finally {
    await stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
