import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, tableCounts, type TestApp } from '../support/test-app'

/** A no-op writes nothing (docs/business-rules.md#who-uses-the-console): closing what was never opened leaves no trace. */
describe('a command that changes nothing', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
    t.app.local.sql
      .exec(`INSERT INTO web_registrations (id, account_number, surname, email, submitted_at, state, version)
      VALUES (1, '40000001', 'Иванов', 'a@b.ru', '2026-11-20T09:00:00Z', 'pending', 1)`)
  })
  afterEach(() => t.dispose())

  it('writes no audit row and queues nothing when closing a registration never claimed', async () => {
    const clerk = await t.tokenFor('clerk')
    const before = tableCounts(t.app)
    await t.call('registrations.close', { registrationId: 1 }, clerk)
    expect(tableCounts(t.app)).toEqual(before)
    // Opened and closed, it leaves both the claim and its release.
    await t.call('registrations.open', { registrationId: 1 }, clerk)
    await t.call('registrations.close', { registrationId: 1 }, clerk)
    const commands = t.app.local.sql
      .prepare(`SELECT command FROM outbox WHERE command LIKE 'claims.%' ORDER BY seq`)
      .pluck()
      .all()
    expect(commands).toEqual(['claims.take', 'claims.release'])
  })
})
