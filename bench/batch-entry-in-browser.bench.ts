import { resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { formatReadingValue } from '@shared/domain/reading-value'
import { checkTypedReading } from '@shared/domain/typed-reading'
import { createApp } from '../src-main/app'
import { startBrowserShell } from '../src-main/browser-shell/server'
import { findFormAccount } from '../src-main/modules/readings/account-meters'
import { MeterHistoryReader } from '../src-main/modules/readings/meter-history'
import { assignPeriodForMoscowDate } from '@shared/domain/billing-period'
import { chromiumLaunchOptions } from '../test/support/chromium'
import { openBenchBatch, setUpBenchSupervisor } from './bench-supervisor'
import { summarize } from './stats'
import type BetterSqlite3 from 'better-sqlite3'

const RECEIVED_ON = '2026-11-02'

export interface PaperForm {
  number: string
  values: string[]
}

/**
 * Paper forms a clerk could type straight through: active accounts whose every active meter gets
 * a plausible value (previous + 4.25 m³) that raises no warning, so the script never stops to confirm.
 */
export function cleanPaperForms(db: BetterSqlite3.Database, count: number): PaperForm[] {
  const { period } = assignPeriodForMoscowDate(RECEIVED_ON)
  const history = new MeterHistoryReader(db)
  const numbers = db
    .prepare(`SELECT number FROM accounts WHERE status = 'active' ORDER BY id LIMIT ?`)
    .pluck()
    .all(count * 3) as string[]
  const forms: PaperForm[] = []
  for (const number of numbers) {
    const { account, meters } = findFormAccount(db, number)
    const active = meters.filter((m) => m.status === 'active')
    const values = active.map((meter) => {
      const past = history.read(meter, period)
      const value = formatReadingValue((past.previousMilli ?? 0) + 4_250)
      const checked = checkTypedReading(value, {
        ...past,
        accountStatus: account.status,
        houseType: account.houseType,
        meter,
        receivedOn: RECEIVED_ON,
      })
      return 'problem' in checked || checked.findings.some((f) => f.severity !== 'flag') ? null : value
    })
    if (active.length && values.every((v) => v !== null)) forms.push({ number, values: values as string[] })
    if (forms.length === count) break
  }
  return forms
}

/**
 * Collects Event Timing entries for every key press: `duration` (key event to the next frame painted
 * after it) and `handled` (key event to the end of its handlers: how long the key waited for the page).
 * Headless Chromium paints on demand, without a display's steady frames, so `duration` overstates
 * what a screen would show; `handled` does not depend on painting.
 */
const OBSERVE_KEYS = `(() => {
  window.__keyDurations = []
  window.__keyHandled = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'keydown' || entry.name === 'keypress' || entry.name === 'input') {
        window.__keyDurations.push(entry.duration)
        window.__keyHandled.push(entry.processingEnd - entry.startTime)
      }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true })
})()`

const PACED_FORMS = 60
const PACE_MS = 80

/** Types one form: account number, Enter, each value, Enter; returns the keystrokes it took. */
async function typeForm(page: Page, position: number, form: PaperForm, delay: number): Promise<number> {
  await page.keyboard.type(form.number, { delay })
  await page.keyboard.press('Enter', { delay })
  await page.locator(`[id^="form-${position}-meter-"]:focus`).waitFor()
  for (const value of form.values) {
    await page.keyboard.type(value, { delay })
    await page.keyboard.press('Enter', { delay })
  }
  await page.locator(`#form-${position + 1}-account:focus`).waitFor()
  return form.number.length + 1 + form.values.reduce((n, v) => n + v.length + 1, 0)
}

/**
 * A scripted clerk types paper forms into the batch screen of the browser shell: 500 as fast as the
 * screen lets it (account number, Enter, each value, Enter, waiting only for the field the screen
 * moves the focus to) for forms per minute, then 60 more at a fast typist's pace for every key event
 * the page took longer than 50 ms to answer (Event Timing API: from the key event to the next frame
 * painted after it).
 */
export async function batchEntryInBrowserBench(dataDir: string, forms: PaperForm[]) {
  const app = await createApp({ dataDir })
  await setUpBenchSupervisor(app)
  const shell = await startBrowserShell({ app, staticDir: resolve('out/renderer') })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await openBenchBatch(page, shell.url)
    await page.evaluate(OBSERVE_KEYS)

    // 1. As fast as the screen takes it: how many forms a minute the UI can absorb.
    const flood = forms.slice(0, forms.length - PACED_FORMS)
    let keystrokes = 0
    const started = performance.now()
    for (const [position, form] of flood.entries()) keystrokes += await typeForm(page, position, form, 0)
    const minutes = (performance.now() - started) / 60_000
    const flooded = (await page.evaluate('window.__keyDurations')) as number[]
    const floodHandled = (await page.evaluate('window.__keyHandled')) as number[]

    // 2. At a fast data-entry typist's pace (one key every 80 ms, 12.5 a second): does any keystroke
    // wait longer than 50 ms? Flooding cannot say, since there every key queues behind the last one.
    await page.evaluate('window.__keyDurations = []; window.__keyHandled = []')
    let pacedKeys = 0
    for (const [i, form] of forms.slice(flood.length).entries())
      pacedKeys += await typeForm(page, flood.length + i, form, PACE_MS)
    const paced = (await page.evaluate('window.__keyDurations')) as number[]
    const pacedHandled = (await page.evaluate('window.__keyHandled')) as number[]
    const saved = app.local.sql
      .prepare(`SELECT count(*) FROM reading_batch_forms WHERE state = 'saved'`)
      .pluck()
      .get() as number
    return {
      name: 'scripted batch entry of paper forms in the browser shell',
      forms: forms.length,
      saved,
      flood: {
        forms: flood.length,
        keystrokes,
        formsPerMinute: Math.round(flood.length / minutes),
        keystrokesPerSecond: Math.round(keystrokes / minutes / 60),
        keyEventsOver50msToPaint: flooded.filter((d) => d > 50).length,
        keyEventsWaitingOver50msToBeHandled: floodHandled.filter((d) => d > 50).length,
      },
      typistPace: {
        forms: forms.length - flood.length,
        keystrokes: pacedKeys,
        msBetweenKeys: PACE_MS,
        keyEventsOver16msToPaint: paced.length,
        keyEventsOver50msToPaint: paced.filter((d) => d > 50).length,
        keyEventsWaitingOver50msToBeHandled: pacedHandled.filter((d) => d > 50).length,
        slowestToBeHandledMs: pacedHandled.length ? Math.round(Math.max(...pacedHandled)) : null,
        ...(paced.length ? { toPaintOver16ms: summarize(paced), toBeHandled: summarize(pacedHandled) } : {}),
      },
    }
  } finally {
    await browser.close()
    await shell.close()
    await app.close()
  }
}
