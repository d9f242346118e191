import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { createApp } from '../src-main/app'
import { startBrowserShell } from '../src-main/browser-shell/server'
import { chromiumLaunchOptions } from '../test/support/chromium'
import { mixedStack, seedMixedStackCity, typeBlind } from '../test/support/mixed-paper-stack'
import { openBenchBatch, setUpBenchSupervisor } from './bench-supervisor'

const KEY_MS = 30

/** Every key event's wait, from the event to the end of its handlers (Event Timing API). */
const OBSERVE_KEYS = `(() => {
  window.__keyHandled = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'keydown' || entry.name === 'beforeinput' || entry.name === 'input')
        window.__keyHandled.push(entry.processingEnd - entry.startTime)
  }).observe({ type: 'event', durationThreshold: 16, buffered: true })
})()`

/**
 * The mixed stack (closed, unknown, blank-meter, lower, roll-over and duplicate forms) typed
 * blind at 30 ms a key into the batch screen: forms a minute from the first key to the last form
 * dealt with, and the longest time a key waited to be handled. Also checks every form was dealt with.
 */
export async function mixedStackInBrowserBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-mixed-'))
  const app = await createApp({ dataDir })
  seedMixedStackCity(app.local.sql)
  await setUpBenchSupervisor(app)
  const shell = await startBrowserShell({ app, staticDir: resolve('out/renderer') })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await openBenchBatch(page, shell.url)
    await page.evaluate(OBSERVE_KEYS)
    const keys = mixedStack()
    const started = performance.now()
    await typeBlind(page, keys, KEY_MS)
    await page.locator('.forms[data-busy="false"]').waitFor()
    const minutes = (performance.now() - started) / 60_000
    const handled = (await page.evaluate('window.__keyHandled')) as number[]
    const states = app.local.sql
      .prepare(
        `SELECT state, count(*) AS n FROM reading_batch_forms WHERE account_number <> '' GROUP BY state`,
      )
      .all() as { state: string; n: number }[]
    return {
      name: 'mixed stack of 40 paper forms typed blind at 30 ms a key in the browser shell',
      keys: keys.length,
      msBetweenKeys: KEY_MS,
      formsPerMinute: Math.round(40 / minutes),
      keyEventsWaitingOver16ms: handled.length,
      longestKeyWaitMs: handled.length ? Math.round(Math.max(...handled)) : 0,
      forms: Object.fromEntries(states.map((s) => [s.state, s.n])),
    }
  } finally {
    await browser.close()
    await shell.close()
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
