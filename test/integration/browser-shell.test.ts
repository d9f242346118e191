import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBrowserShell, type BrowserShell } from '../../src-main/browser-shell/server'
import { buildTestApp, type TestApp } from '../support/test-app'

describe('the browser shell', () => {
  let t: TestApp
  let shell: BrowserShell
  beforeEach(async () => {
    t = await buildTestApp()
    shell = await startBrowserShell({ app: t.app, staticDir: resolve('test/support/static') })
  })
  afterEach(async () => {
    await shell.close()
    await t.dispose()
  })

  const invoke = (headers: Record<string, string>, body: unknown = { channel: 'auth.status', payload: {} }) =>
    fetch(`${shell.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(shell.origin).hostname).toBe('127.0.0.1')
  })

  it('answers a call that carries the per-launch secret', async () => {
    const response = await invoke({ 'X-Console-Secret': shell.secret })
    expect(await response.json()).toEqual({
      ok: true,
      data: { setUp: true, session: null, demoSignIn: null, lostCopy: null },
    })
  })

  it('refuses a call without the secret or with a wrong one', async () => {
    expect((await invoke({})).status).toBe(403)
    expect((await invoke({ 'X-Console-Secret': 'x'.repeat(shell.secret.length) })).status).toBe(403)
  })

  it('refuses a call from another site, even with the secret', async () => {
    const response = await invoke({ 'X-Console-Secret': shell.secret, Origin: 'http://evil.example' })
    expect(response.status).toBe(403)
  })

  it('sends a strict Content-Security-Policy with the page', async () => {
    const response = await fetch(shell.origin + '/')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await response.text()).toContain('test page')
  })

  it('never serves files outside the built renderer', async () => {
    const response = await fetch(`${shell.origin}/..%2f..%2fpackage.json`)
    expect(await response.text()).toContain('test page')
  })

  it('answers a malformed escape in the path with 400, not 500', async () => {
    expect((await fetch(`${shell.origin}/%E0%A4%A`)).status).toBe(400)
  })

  it('takes calls from the page opened as localhost too', async () => {
    const port = new URL(shell.origin).port
    const response = await fetch(`http://localhost:${port}/api/invoke`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Console-Secret': shell.secret,
        Origin: `http://localhost:${port}`,
      },
      body: JSON.stringify({ channel: 'auth.status', payload: {} }),
    }).catch(() => null)
    // Where the machine resolves localhost to ::1 only, nothing listens there: the shell is on 127.0.0.1.
    if (response) expect(response.status).toBe(200)
    const viaIp = await invoke({ 'X-Console-Secret': shell.secret, Origin: `http://localhost:${port}` })
    expect(viaIp.status).toBe(200)
  })
})
