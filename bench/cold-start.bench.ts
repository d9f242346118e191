import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { createApp } from '../src-main/app'
import { chromiumLaunchOptions } from '../test/support/chromium'
import { setUpBenchSupervisor } from './bench-supervisor'
import { summarize } from './stats'

/**
 * Cold start of the browser shell: from spawning its process to a usable sign-in screen drawn in
 * Chromium (the browser itself is already running, as it would be on a desk).
 */
export async function coldStartBench(runs = 5) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-'))
  const app = await createApp({ dataDir, passwordHashLogN: 10 })
  await setUpBenchSupervisor(app)
  await app.close()
  const browser = await chromium.launch(chromiumLaunchOptions)
  const samples: number[] = []
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage()
      const started = performance.now()
      const shell = spawn(
        process.execPath,
        ['--import', 'tsx', 'src-main/browser-shell/cli.ts', '--port', '0', '--data-dir', dataDir],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        shell.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /(http:\/\/127\.0\.0\.1:\d+\/\?secret=\S+)/.exec(out)
          if (match) resolve(match[1]!)
        })
        shell.on('exit', (code) => reject(new Error(`browser shell exited with ${code}`)))
      })
      await page.goto(url)
      await page.getByRole('heading', { name: 'Вход в консоль' }).waitFor()
      await page.getByLabel('Логин').waitFor()
      samples.push(performance.now() - started)
      await page.close()
      shell.kill('SIGTERM')
      await new Promise((resolve) => shell.once('exit', resolve))
    }
  } finally {
    await browser.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { name: 'browser shell cold start to sign-in screen (ms)', ...summarize(samples) }
}
