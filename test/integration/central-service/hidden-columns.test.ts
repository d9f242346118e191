import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignPeriod } from '@shared/domain/billing-period'
import { CONSOLE_TABLES, HIDDEN_COLUMNS } from '../../../src-central/feed/visible-rows'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts, registerOnWebsite } from '../../support/central-database'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()
const SUBSCRIBER_HASH = 'argon2id$v=19$m=65536,t=3,p=4$c2FsdA$subscriber-password-hash'
const ACTIVATION_TOKEN = 'activation-token-that-opens-a-cabinet'

/**
 * Secrets never leave the service (docs/central-service.md#the-change-feed): an enrolled console with
 * nobody signed in reads the whole first copy and the feed, and finds no password hash, activation
 * token or document body in them.
 */
describe('what an enrolled console is sent', () => {
  let console_: TestApp
  let client: ReturnType<typeof ownCentralClient>

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    const id = await registerOnWebsite(central.pool, {
      accountNumber: '40000001',
      surname: 'Иванов',
      email: 'ivanov@mail.ru',
    })
    await central.pool.query(
      `UPDATE portal_registrations SET password_hash = $2, activation_token = $3, state = 'confirmed' WHERE id = $1`,
      [id, SUBSCRIBER_HASH, ACTIVATION_TOKEN],
    )
    console_ = await buildTestApp({ central: { service: central } })
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  it('hides every column named like a secret in every table a console mirrors', async () => {
    const { rows } = await central.pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name ~ '(hash|token|secret)|^content$'
      ORDER BY table_name, column_name`,
    )
    const exposed = rows.filter(
      (r) => CONSOLE_TABLES.has(r.table_name) && !HIDDEN_COLUMNS[r.table_name]?.includes(r.column_name),
    )
    expect(exposed).toEqual([])
  })

  it('sends no hash, token or document body in the first copy or the feed', async () => {
    const start = await client.initialStart(assignPeriod(console_.clock.now()).period)
    const sent: string[] = []
    for (let step = 0; step < start.steps; step++) {
      let after: (string | number)[] | null = null
      for (;;) {
        const page = await client.initialPage({ step, fromPeriod: start.fromPeriod, after, limit: 1000 })
        sent.push(JSON.stringify(page))
        if (page.rows.length < 1000) break
        const last = page.rows.at(-1)!
        after = page.key.map((k) => last[page.columns.indexOf(k)] as string | number)
      }
    }
    // A change to the row after the copy comes through the feed, from the beginning.
    await central.pool.query(`UPDATE portal_registrations SET email = 'ivanov2@mail.ru'`)
    const feed = await client.feed({ txid: '0', id: '0' }, 5000)
    sent.push(JSON.stringify(feed))
    const all = sent.join('\n')
    expect(all).toContain('ivanov2@mail.ru')
    expect(all).toContain('ivanov@mail.ru')
    for (const secret of [SUBSCRIBER_HASH, ACTIVATION_TOKEN, 'password_hash', 'activation_token'])
      expect(all).not.toContain(secret)
  })
})
