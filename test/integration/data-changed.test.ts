import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LocalMirror } from '../../src-main/sync/local-mirror'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

/**
 * What changed, said to the screens (docs/architecture.md#the-renderer): a command names the row-key
 * entities it wrote, and so does a pull, so a store redraws only what shows them.
 */
describe('data changed', () => {
  let t: TestApp
  let heard: string[][]

  beforeEach(async () => {
    t = await buildTestApp()
    insertAccounts(t.app.local.sql, [anAccount({ id: 1, surname: 'Орлова' })])
    heard = []
    t.app.events.on('data.changed', ({ entities }) => heard.push(entities))
  })
  afterEach(() => t.dispose())

  it('names the entities a command on this console wrote', async () => {
    const clerk = await t.tokenFor('clerk')
    await t.call(
      'accounts.updateContacts',
      {
        accountId: 1,
        expectedVersion: 1,
        phone: '+7 978 100-20-30',
        email: '',
        street: 'ул. Ленина',
        house: '1',
        building: '',
        apartment: '1',
      },
      clerk,
    )
    expect(heard.flat()).toContain('account')
    expect(heard.flat()).not.toContain('question')
  })

  it('names the entities a pull brought, once each', () => {
    const mirror = new LocalMirror(t.app.local.sql)
    const account = t.app.local.sql.prepare(`SELECT * FROM accounts WHERE id = 1`).get() as Record<
      string,
      unknown
    >
    mirror.apply([
      { table: 'accounts', op: 'U', row: { ...account, email: 'o@mail.ru', version: 5 } },
      { table: 'accounts', op: 'U', row: { ...account, email: 'p@mail.ru', version: 6 } },
    ])
    expect(mirror.takeTouched()).toEqual(['account'])
    expect(mirror.takeTouched()).toEqual([])
  })
})
