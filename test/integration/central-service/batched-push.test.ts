import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServiceRefused } from '../../../src-main/sync/central-client'
import { LocalMirror } from '../../../src-main/sync/local-mirror'
import { pushPending } from '../../../src-main/sync/push'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts } from '../../support/central-database'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()

describe('a long queue of contact edits pushed at once', () => {
  let link: CuttableLink
  let console_: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(
      central.pool,
      Array.from({ length: 20 }, (_, i) => anAccount({ id: i + 1, phone: '+7 978 000-00-00' })),
    )
    link = await cuttableLink(central.serviceUrl)
    console_ = await buildTestApp({ central: { service: central, serviceUrl: link.url } })
  })
  afterAll(async () => {
    await console_.dispose()
    await link.close()
  })

  async function editPhone(accountId: number, phone: string, token: string) {
    const { account } = await console_.call('accounts.card', { accountId }, token)
    await console_.call(
      'accounts.updateContacts',
      {
        accountId,
        expectedVersion: account.version,
        phone,
        email: account.email ?? '',
        street: account.street,
        house: account.house,
        building: account.building ?? '',
        apartment: account.apartment ?? '',
      },
      token,
    )
  }

  it('answers each edit as one by one would: merged, folded in order, and a clash made a conflict', async () => {
    const clerk = await console_.tokenFor('clerk')
    link.cut()
    for (let id = 1; id <= 20; id++)
      await editPhone(id, `+7 978 111-11-${String(id).padStart(2, '0')}`, clerk)
    // The same account edited twice in the queue: the second edit starts from the first one's value.
    await editPhone(5, '+7 978 555-55-55', clerk)
    // Meanwhile someone changed account 7's phone centrally.
    await central.pool.query(`UPDATE accounts SET phone = '+7 978 777-77-77' WHERE id = 7`)
    link.restore()
    const status = await console_.app.sync!.syncNow()
    expect(status).toMatchObject({ pendingCommands: 0, refusedCommands: 0, conflicts: 1 })

    const { rows } = await central.pool.query<{ id: number; phone: string }>(
      `SELECT id, phone FROM accounts ORDER BY id`,
    )
    for (const row of rows) {
      const expected =
        row.id === 5
          ? '+7 978 555-55-55'
          : row.id === 7
            ? '+7 978 777-77-77'
            : `+7 978 111-11-${String(row.id).padStart(2, '0')}`
      expect(row.phone, `account ${row.id}`).toBe(expected)
    }
    const conflicts = await central.pool.query(
      `SELECT entity_key, field, central_value, console_value FROM sync_conflicts`,
    )
    expect(conflicts.rows).toEqual([
      {
        entity_key: 'account:7',
        field: 'phone',
        central_value: '+7 978 777-77-77',
        console_value: '+7 978 111-11-07',
      },
    ])
    const outcomes = await central.pool.query(
      `SELECT outcome, count(*)::int AS n FROM applied_commands WHERE command = 'accounts.updateContacts' GROUP BY outcome ORDER BY outcome`,
    )
    expect(outcomes.rows).toEqual([
      { outcome: 'applied', n: 20 },
      { outcome: 'conflict', n: 1 },
    ])
    // Both edits of account 5 were folded and written once, as one batch does.
    const version = await central.pool.query(`SELECT version FROM accounts WHERE id = 5`)
    expect(version.rows).toEqual([{ version: 2 }])
    // The console took the central state back, conflict included.
    expect(console_.app.local.sql.prepare(`SELECT phone FROM accounts WHERE id = 7`).pluck().get()).toBe(
      '+7 978 777-77-77',
    )
  })
  it('keeps two batches in flight yet applies them in the order made', async () => {
    const clerk = await console_.tokenFor('clerk')
    link.cut()
    // Each edit starts from the one before: applied out of order, they would clash.
    for (let step = 1; step <= 9; step++) await editPhone(12, `+7 978 120-00-0${step}`, clerk)
    const client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
    try {
      // A batch that names a predecessor the service has not applied is sent back, with no effect.
      const stray = {
        commandId: randomUUID(),
        command: 'accounts.updateContacts',
        payload: { accountId: 12, changes: { phone: { from: '+7 978 000-00-00', to: '+7 978 999-99-99' } } },
        author: 'clerk',
        madeAt: new Date().toISOString(),
        keys: ['account:12'],
        audit: [],
        proof: null,
        madeAlone: null,
        sessionProof: null,
      }
      const refused = await client
        .send(client.preparePush([stray], randomUUID()))
        .catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(ServiceRefused)
      expect((refused as ServiceRefused).error.code).toBe('PUSH_OUT_OF_ORDER')
      const stored = await central.pool.query(`SELECT 1 FROM applied_commands WHERE command_id = $1`, [
        stray.commandId,
      ])
      expect(stored.rows).toEqual([])
      const report = await pushPending(
        console_.app.local.sql,
        client,
        new LocalMirror(console_.app.local.sql),
        2,
      )
      expect(report).toEqual({ applied: 9, refused: 0, conflicts: 0 })
    } finally {
      client.close()
    }
    link.restore()
    const { rows } = await central.pool.query(`SELECT phone FROM accounts WHERE id = 12`)
    expect(rows).toEqual([{ phone: '+7 978 120-00-09' }])
    expect(
      (
        await central.pool.query(
          `SELECT count(*)::int AS n FROM sync_conflicts WHERE entity_key = 'account:12'`,
        )
      ).rows,
    ).toEqual([{ n: 0 }])
  })
})
