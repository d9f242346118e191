import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LocalMirror } from '../../../src-main/sync/local-mirror'
import { anAccount, insertAccounts } from '../../support/account-builder'
import { buildTestApp, type TestApp } from '../../support/test-app'

/** A central image of account 1 as the feed carries it, with what the test changes. */
function centralAccount(version: number, changes: Record<string, unknown>) {
  const a = anAccount({ id: 1, surname: 'Орлова', street: 'ул. Ленина', house: '5', apartment: '7' })
  return {
    table: 'accounts',
    op: 'U' as const,
    row: {
      id: 1,
      number: a.number,
      eirc_number: a.eircNumber,
      surname: a.surname,
      first_name: a.firstName,
      patronymic: a.patronymic,
      district: a.district,
      street: a.street,
      house: a.house,
      building: a.building,
      apartment: a.apartment,
      phone: a.phone,
      email: a.email,
      house_type: a.houseType,
      status: a.status,
      opened_on: a.openedOn,
      closed_on: a.closedOn,
      version,
      updated_at: '2026-11-20T09:00:00.000Z',
      ...changes,
    },
  }
}

/**
 * Pulled account images: a contacts-only change takes the narrow update (the search entry is not
 * rewritten), any other change the full one; neither lets an older image win (docs/central-service.md).
 */
describe('pulled account images', () => {
  let t: TestApp
  let mirror: LocalMirror
  let operator: string
  const row = () =>
    t.app.local.sql.prepare(`SELECT email, phone, street, version FROM accounts WHERE id = 1`).get()
  const found = async (query: string) =>
    (await t.call('accounts.search', { query }, operator)).hits.map((hit) => hit.id)

  beforeEach(async () => {
    t = await buildTestApp()
    operator = await t.tokenFor('operator')
    insertAccounts(t.app.local.sql, [
      anAccount({ id: 1, surname: 'Орлова', street: 'ул. Ленина', house: '5', apartment: '7' }),
    ])
    mirror = new LocalMirror(t.app.local.sql)
  })
  afterEach(() => t.dispose())

  it('takes a newer email and phone, and the account is found by them', async () => {
    expect(mirror.apply([centralAccount(2, { email: 'orlova@mail.ru', phone: '+7 978 100-20-30' })])).toBe(1)
    expect(row()).toEqual({
      email: 'orlova@mail.ru',
      phone: '+7 978 100-20-30',
      street: 'ул. Ленина',
      version: 2,
    })
    expect(await found('orlova@mail.ru')).toEqual([1])
    expect(await found('1002030')).toEqual([1])
  })

  it('takes a change of the address whole, and the search follows it', async () => {
    expect(mirror.apply([centralAccount(2, { street: 'ул. Гоголя', email: 'o@mail.ru' })])).toBe(1)
    expect(row()).toMatchObject({ street: 'ул. Гоголя', email: 'o@mail.ru', version: 2 })
    expect(await found('Гоголя 5 7')).toEqual([1])
    expect(await found('Ленина 5 7')).toEqual([])
  })

  it('never lets an older or equal image replace the stored one', () => {
    mirror.apply([centralAccount(3, { email: 'new@mail.ru' })])
    expect(mirror.apply([centralAccount(2, { email: 'old@mail.ru' })])).toBe(0)
    expect(mirror.apply([centralAccount(3, { email: 'same@mail.ru', street: 'ул. Гоголя' })])).toBe(0)
    expect(row()).toMatchObject({ email: 'new@mail.ru', street: 'ул. Ленина', version: 3 })
  })
})
