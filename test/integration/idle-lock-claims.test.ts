import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { takeClaim } from '../../src-main/modules/claims/claims'
import { buildTestApp, type TestApp } from '../support/test-app'

/**
 * The idle lock and what a person holds (docs/business-rules.md#who-uses-the-console): a timer's call (a
 * claim kept alive, a count refreshed) does not keep a session awake, and a session that falls idle-locked
 * lets go of its claims, so a colleague is not kept waiting for the claim's 15 minutes.
 */
describe('idle lock and claims', () => {
  let t: TestApp
  const MINUTE = 60_000
  const renewals: (() => void)[] = []
  beforeEach(async () => {
    t = await buildTestApp({ idleLockMs: 15 * MINUTE })
  })
  afterEach(() => t.dispose())

  const call = (channel: string, background: boolean) =>
    t.app.router.invoke({ channel, payload: {}, token: t.supervisorToken, background })

  /** A registration held, its claim renewed by the screen's timer as it would be (every 5 minutes). */
  async function holdAClaim() {
    const { session } = await t.call('auth.status', {}, t.supervisorToken)
    const renew = () =>
      t.app.pipeline.run(takeClaim, { entityKey: 'registration:7' }, { staff: session!.staff })
    renew()
    renewals.push(renew)
    const held = () =>
      t.app.local.sql.prepare(`SELECT count(*) FROM claims WHERE entity_key = 'registration:7'`).pluck().get()
    expect(held()).toBe(1)
    return held
  }

  it('a timer’s calls leave the session to fall idle, and the claims go with it', async () => {
    const held = await holdAClaim()
    t.clock.advance(10 * MINUTE)
    renewals.at(-1)!()
    expect((await call('registrations.pendingCount', true)).ok).toBe(true)
    t.clock.advance(6 * MINUTE)
    expect(await call('registrations.pendingCount', true)).toEqual({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    })
    expect(held()).toBe(0)
    const sent = t.app.local.sql
      .prepare(`SELECT command, payload_json FROM outbox WHERE command = 'claims.release'`)
      .all()
    expect(sent).toEqual([{ command: 'claims.release', payload_json: '{"entityKey":"registration:7"}' }])
  })

  it('the person’s own calls keep it awake, claims and all', async () => {
    const held = await holdAClaim()
    t.clock.advance(10 * MINUTE)
    renewals.at(-1)!()
    expect((await call('registrations.pendingCount', false)).ok).toBe(true)
    t.clock.advance(6 * MINUTE)
    expect((await call('registrations.pendingCount', false)).ok).toBe(true)
    expect(held()).toBe(1)
  })
})
