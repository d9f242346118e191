import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './test/support/chromium'

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the browser shell,
 * which each test starts on loopback with its own fresh database (test/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'test/e2e',
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
