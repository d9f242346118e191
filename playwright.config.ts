import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './test/support/chromium'

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the browser shell,
 * which each test starts on loopback with its own fresh database (test/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'test/e2e',
  workers: 2,
  // Generous on purpose: CI is a loaded 2-core machine running a PostgreSQL server, two consoles and
  // two browsers at once. Tests wait for states, so a quiet machine finishes in the usual time.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // One retry in CI only, and Playwright reports a test that needed it as "flaky", never as passed.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
