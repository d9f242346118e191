import type { Page } from '@playwright/test'
import type { ConsoleApp } from '../src-main/app'

export const BENCH_SUPERVISOR = { login: 'bench', password: 'замер-пароль' }

/** The benchmarks' own first supervisor, so the browser shell opens at the sign-in screen. */
export async function setUpBenchSupervisor(app: ConsoleApp): Promise<void> {
  const setup = await app.router.invoke({
    channel: 'auth.setupFirstSupervisor',
    payload: {
      login: BENCH_SUPERVISOR.login,
      fullName: 'Замеров Иван',
      password: BENCH_SUPERVISOR.password,
      passwordRepeat: BENCH_SUPERVISOR.password,
    },
  })
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.code}`)
}

export async function signInBenchSupervisor(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByLabel('Логин').fill(BENCH_SUPERVISOR.login)
  await page.locator('#sign-in-password').fill(BENCH_SUPERVISOR.password)
  await page.getByRole('button', { name: 'Войти' }).click()
}

/** Signed in at the browser shell, a batch of forms stamped 2 November open, the cursor in its first form. */
export async function openBenchBatch(page: Page, url: string): Promise<void> {
  await signInBenchSupervisor(page, url)
  await page.getByRole('link', { name: 'Показания' }).click()
  await page.locator('#batch-received-on').fill('02.11.2026')
  await page.getByRole('button', { name: 'Открыть пачку' }).click()
  await page.locator('#form-0-account:focus').waitFor()
}
