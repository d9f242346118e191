import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { createApp } from '../src-main/app'
import { startBrowserShell } from '../src-main/browser-shell/server'
import { chromiumLaunchOptions } from '../test/support/chromium'
import { setUpBenchSupervisor, signInBenchSupervisor } from './bench-supervisor'
import { summarize } from './stats'

/**
 * Runs inside the page. Kept as plain text so the TypeScript runner's helpers never leak into it:
 * clear the box and wait until the old results are gone, then type the query as one input event
 * and wait until results (or the "nothing found" message) are painted.
 */
const MEASURE_ONE_QUERY = `async (text) => {
  const input = document.querySelector('[data-testid="account-search"]')
  const drawn = () => document.querySelector('[data-testid="search-results"], [data-testid="search-message"]')
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  input.value = ''
  input.dispatchEvent(new Event('input', { bubbles: true }))
  while (drawn()) await frame()
  const started = performance.now()
  input.value = text
  input.dispatchEvent(new Event('input', { bubbles: true }))
  while (!drawn()) await new Promise((resolve) => setTimeout(resolve, 0))
  await frame()
  await frame()
  return performance.now() - started
}`

/**
 * From the keystroke that completes a query to the results drawn on screen, in Chromium against the
 * browser shell on the benchmark's database: input event → bridge → router → SQLite → Vue → paint.
 */
export async function searchInBrowserBench(dataDir: string, queries: string[]) {
  const app = await createApp({ dataDir })
  await setUpBenchSupervisor(app)
  const shell = await startBrowserShell({ app, staticDir: resolve('out/renderer') })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await signInBenchSupervisor(page, shell.url)
    await page.getByTestId('account-search').waitFor()
    const samples: number[] = []
    for (const query of queries) {
      samples.push((await page.evaluate(`(${MEASURE_ONE_QUERY})(${JSON.stringify(query)})`)) as number)
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
