import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { createApp } from '../../src-main/app'
import { fileSecretBox } from '../../src-main/browser-shell/file-secret-box'
import { startBrowserShell } from '../../src-main/browser-shell/server'
import { mixedStack, seedMixedStackCity, typeBlind } from '../support/mixed-paper-stack'
import { createStaffDirectly, expect, saveScreenshot, setUpFirstSupervisor, signIn, test } from './fixtures'

/**
 * Issue: paper-form entry that is right at any typing speed. The same stack of 40 forms — closed,
 * unknown, blank-meter, lower-than-previous, roll-over and duplicate ones among them — typed blind
 * at 30 ms a key and at 200 ms a key, each on a console of its own, must leave exactly the same
 * saved readings, unresolved and set-aside rows and summary.
 */
// Never retried: a pass on the second try would hide exactly the timing this test is here to find.
test.describe.configure({ retries: 0 })

test('forty forms typed at 30 ms a key give exactly what typing at 200 ms gives', async ({ browser }) => {
  test.setTimeout(600_000) // 200 ms a key is the point: about 700 keys, slowly
  const fast = await typeStack(browser, 30, 'batch-typed-fast')
  const slow = await typeStack(browser, 200, null)
  expect(fast.readings.length).toBeGreaterThan(30)
  expect(fast.forms.filter((f) => f.state === 'unresolved').length).toBeGreaterThanOrEqual(4)
  expect(fast.forms.filter((f) => f.state === 'setAside').length).toBe(2)
  expect(fast.forms.some((f) => f.values.includes('"noValue":true'))).toBe(true)
  expect(fast).toEqual(slow)
})

async function typeStack(browser: Browser, delayMs: number, screenshot: string | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-speed-'))
  const app = await createApp({ dataDir, secrets: fileSecretBox(dataDir) })
  const shell = await startBrowserShell({ app, staticDir: resolve('out/renderer') })
  const page = await browser.newPage()
  try {
    seedMixedStackCity(app.local.sql)
    await setUpFirstSupervisor(page, shell)
    await createStaffDirectly(app, 'clerk', 'clerk1', 'пароль-специалиста')
    await page.getByTestId('sign-out').click()
    await signIn(page, 'clerk1', 'пароль-специалиста')
    await page.getByRole('link', { name: 'Показания', exact: true }).click()
    await page.locator('#batch-received-on').fill('02.11.2026')
    await page.getByRole('button', { name: 'Открыть пачку' }).click()
    await expect(page.locator('#form-0-account')).toBeFocused()

    await typeBlind(page, mixedStack(), delayMs)
    // "Завершить" pressed at once, the last form's save still out: the batch waits for it.
    await page.getByTestId('batch-finish').click()
    await expect(page.getByTestId('finish-dialog')).toBeVisible()
    await expect(page.locator('.forms')).toHaveAttribute('data-busy', 'false')
    if (screenshot) await saveScreenshot(page, screenshot)
    await page.getByTestId('finish-confirm').click()
    const summary = (await page.getByTestId('batch-summary').textContent())!.trim()
    const db = app.local.sql
    return {
      summary,
      forms: db
        .prepare(
          `SELECT position, account_number AS account, state, values_json AS "values", problem_json AS problem
          FROM reading_batch_forms ORDER BY position`,
        )
        .all() as { position: number; account: string; state: string; values: string; problem: string }[],
      readings: db
        .prepare(
          `SELECT meter_id, period, value_milli, flags, override_reason FROM readings WHERE period = '2026-11' ORDER BY meter_id`,
        )
        .all(),
    }
  } finally {
    await page.close()
    await shell.close()
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
