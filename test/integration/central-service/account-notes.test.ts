import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts } from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { buildTestApp, settle, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * Notes on an account (docs/business-rules.md#contacts-and-notes) through the service on real
 * PostgreSQL: pinned on one console, read on the next operator's; written offline, they keep their
 * author and moment and arrive when the link is back; taken down on two consoles, taken down once.
 */
describe('notes on an account, between consoles', () => {
  let link: CuttableLink
  let first: TestApp
  let second: TestApp
  let operator: { login: string; token: string }
  let clerk: { login: string; token: string }

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    link = await cuttableLink(central.serviceUrl)
    first = await buildTestApp({ central: { service: central, serviceUrl: link.url } })
    second = await buildTestApp({ central: { service: central } })
    operator = await first.staffMember('operator')
    await settle(first, second)
    clerk = await second.staffMember('clerk')
    await settle(first, second)
  })
  afterAll(async () => {
    await first.dispose()
    await second.dispose()
    await link.close()
  })

  it('pinned by one operator, shows on the other console’s card with its author', async () => {
    expect(
      await first.call(
        'accounts.addNote',
        { accountId: 1, body: 'Звонит за мать, доверенность в деле' },
        operator.token,
      ),
    ).toEqual({ state: 'applied' })
    await settle(second)
    const card = await second.call('accounts.card', { accountId: 1 }, clerk.token)
    expect(card.notes).toHaveLength(1)
    expect(card.notes[0]).toMatchObject({ body: 'Звонит за мать, доверенность в деле', pinned: true })
    expect(card.notes[0]!.writtenBy).not.toBe(operator.login)
    const { rows } = await central.pool.query(`SELECT written_by FROM account_notes`)
    expect(rows).toEqual([{ written_by: operator.login }])
  })

  it('refuses an empty note and an unknown account, changing nothing', async () => {
    expect(
      (await first.refused('accounts.addNote', { accountId: 1, body: '   ' }, operator.token)).code,
    ).toBe('INVALID_INPUT')
    expect((await first.refused('accounts.addNote', { accountId: 99, body: 'x' }, operator.token)).code).toBe(
      'NOT_FOUND',
    )
    expect((await central.pool.query(`SELECT count(*)::int AS n FROM account_notes`)).rows).toEqual([
      { n: 1 },
    ])
  })

  it('written offline, keeps its moment and arrives with the link', async () => {
    link.cut()
    const writtenAt = first.clock.now().toISOString()
    expect(
      await first.call(
        'accounts.addNote',
        { accountId: 1, body: 'Счётчик в подвале, ключ у соседа' },
        operator.token,
      ),
    ).toEqual({ state: 'queued' })
    first.clock.advance(5 * 60_000) // within the idle lock: the operator is still at the desk
    link.restore()
    await settle(first, second)
    const { rows } = await central.pool.query(
      `SELECT written_at FROM account_notes WHERE body LIKE 'Счётчик%'`,
    )
    expect((rows[0].written_at as Date).toISOString()).toBe(writtenAt)
    const card = await second.call('accounts.card', { accountId: 1 }, clerk.token)
    expect(card.notes.map((note) => note.body)).toEqual([
      'Счётчик в подвале, ключ у соседа',
      'Звонит за мать, доверенность в деле',
    ])
  })

  it('taken down on two consoles at once, is taken down once and stays in the card below', async () => {
    const card = await second.call('accounts.card', { accountId: 1 }, clerk.token)
    const noteId = card.notes.find((note) => note.body.startsWith('Звонит'))!.id
    const [a, b] = await Promise.all([
      first.call('accounts.unpinNote', { noteId }, operator.token),
      second.call('accounts.unpinNote', { noteId }, clerk.token),
    ])
    expect([a.state, b.state]).toEqual(['applied', 'applied'])
    const { rows } = await central.pool.query(`SELECT pinned, unpinned_by FROM account_notes WHERE id = $1`, [
      noteId,
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0].pinned).toBe(false)
    expect([operator.login, clerk.login]).toContain(rows[0].unpinned_by)
    await settle(first, second)
    const after = await first.call('accounts.card', { accountId: 1 }, operator.token)
    expect(after.notes.map((note) => [note.body.slice(0, 6), note.pinned])).toEqual([
      ['Счётчи', true],
      ['Звонит', false],
    ])
  })
})
