import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { createApp } from '../src-main/app'
import { startBrowserShell } from '../src-main/browser-shell/server'
import { summarize } from './stats'

/**
 * From the keystroke that completes a query to the results drawn on screen, in Chromium against the
 * browser shell on the benchmark's database: input event → bridge → router → SQLite → Vue → paint.
 */
export async function searchInBrowserBench(dataDir: string, queries: string[]) {
  const app = await createApp({ dataDir })
  const setup = await app.router.invoke({
    channel: 'auth.setupFirstSupervisor',
    payload: {
      login: 'bench',
      fullName: 'Замеров Иван',
      password: 'замер-пароль',
      passwordRepeat: 'замер-пароль',
    },
  })
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.code}`)
  const shell = await startBrowserShell({ app, staticDir: resolve('out/renderer') })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
  try {
    const page = await browser.newPage()
    await page.goto(shell.url)
    await page.getByLabel('Логин').fill('bench')
    await page.locator('#sign-in-password').fill('замер-пароль')
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.getByTestId('account-search').waitFor()
    const samples: number[] = []
    for (const query of queries) {
      samples.push(
        await page.evaluate(async (text) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="account-search"]')!
          const drawn = () =>
            document.querySelector('[data-testid="search-results"], [data-testid="search-message"]')
          input.value = ''
          input.dispatchEvent(new Event('input', { bubbles: true }))
          while (drawn()) await new Promise((r) => requestAnimationFrame(r))
          const started = performance.now()
          input.value = text
          input.dispatchEvent(new Event('input', { bubbles: true }))
          while (!drawn()) await new Promise((r) => setTimeout(r, 0))
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
          return performance.now() - started
        }, query),
      )
    }
    return {
      name: 'keystroke to search results drawn in the browser shell (ms)',
      ...summarize(samples.slice(10)),
    }
  } finally {
    await browser.close()
    await shell.close()
    await app.close()
  }
}
