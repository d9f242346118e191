import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

describe('account search', () => {
  let t: TestApp
  let operator: string
  const search = async (query: string) => t.call('accounts.search', { query }, operator)
  const numbers = async (query: string) => (await search(query)).hits.map((hit) => hit.number)

  beforeAll(async () => {
    t = await buildTestApp()
    operator = await t.tokenFor('operator')
    insertAccounts(t.app.local.sql, [
      anAccount({
        id: 1,
        number: '40000001',
        eircNumber: '920155550001',
        surname: 'Пожарова',
        firstName: 'Анна',
      }),
      anAccount({
        id: 2,
        number: '40000012',
        eircNumber: '920100000002',
        surname: 'Фёдоров',
        firstName: 'Пётр',
        patronymic: 'Ильич',
        phone: '+7 (978) 123-45-67',
      }),
      anAccount({
        id: 3,
        number: '40000123',
        eircNumber: '920100000003',
        surname: 'Семёнова',
        firstName: 'Ольга',
        street: 'ул. Пожарова',
        house: '20',
        apartment: '15',
      }),
      anAccount({
        id: 4,
        number: '40000124',
        eircNumber: '920100000004',
        surname: 'Орлов',
        firstName: 'Олег',
        street: 'ул. Пожарова',
        house: '20',
        apartment: '16',
      }),
      anAccount({
        id: 5,
        number: '40000125',
        eircNumber: '920100000005',
        surname: 'Римский-Корсаков',
        firstName: 'Николай',
        street: 'ул. Большая Морская',
        house: '3',
        apartment: '7',
        email: 'rk.music@mail.ru',
      }),
      anAccount({
        id: 6,
        number: '40000126',
        eircNumber: '920100000006',
        surname: 'Иванова',
        firstName: 'Мария',
        patronymic: 'Петровна',
        status: 'closed',
      }),
      anAccount({
        id: 7,
        number: '40000127',
        eircNumber: '920100000007',
        surname: 'Иванов',
        firstName: 'Сергей',
        patronymic: 'Петрович',
        street: 'ул. Частника',
        house: '8',
        apartment: null,
        houseType: 'private',
        phone: '8-978-765-43-21',
      }),
      anAccount({
        id: 8,
        number: '40000001' + '0',
        eircNumber: '920100000008',
        surname: 'Кузнецов',
        firstName: 'Денис',
      }),
    ])
  })
  afterAll(() => t.dispose())

  it('finds by the full Vodokanal account number, exact match first', async () => {
    expect((await numbers('40000001'))[0]).toBe('40000001')
    expect(await numbers('40000001')).toContain('400000010')
  })

  it('finds by the leading digits of an account number', async () => {
    expect(await numbers('4000012')).toEqual(['40000123', '40000124', '40000125', '40000126', '40000127'])
  })

  it('finds by the EIRC number and says that is what matched', async () => {
    const result = await search('920155550001')
    expect(result.hits.map((h) => [h.number, h.matchedBy])).toEqual([['40000001', 'eircNumber']])
  })

  it('finds by surname in any case, with ё and е alike', async () => {
    expect(await numbers('федоров')).toEqual(['40000012'])
    expect(await numbers('ФЁДОРОВ')).toEqual(['40000012'])
    expect(await numbers('Семенова')).toEqual(['40000123'])
  })

  it('finds by surname with initials, with or without dots', async () => {
    expect(await numbers('Иванов С. П.')).toEqual(['40000127'])
    expect(await numbers('иванов с.п.')).toEqual(['40000127'])
    expect(await numbers('Иванова М')).toEqual(['40000126'])
  })

  it('finds a double surname by either part or by the whole', async () => {
    expect(await numbers('Корсаков')).toEqual(['40000125'])
    expect(await numbers('римский-корсаков')).toEqual(['40000125'])
  })

  it('finds by address written the short way and the long way', async () => {
    expect(await numbers('Пожарова 20 15')).toEqual(['40000123'])
    expect(await numbers('ул. Большая Морская, д. 3, кв. 7')).toEqual(['40000125'])
    expect(await numbers('Пожарова 20')).toEqual(expect.arrayContaining(['40000123', '40000124']))
  })

  it('ranks the owner named Пожарова above the people living on Пожарова street', async () => {
    const hits = (await search('Пожарова')).hits
    expect(hits[0]).toMatchObject({ number: '40000001', matchedBy: 'owner' })
    expect(hits.slice(1).map((h) => h.matchedBy)).toEqual(['address', 'address'])
  })

  it('finds by phone in any formatting', async () => {
    for (const phone of ['+7 978 123-45-67', '89781234567', '(978) 1234567', '9781234567'])
      expect(await numbers(phone)).toContain('40000012')
    expect(await numbers('8 978 765 43 21')).toContain('40000127')
  })

  it('finds by email, whole or begun', async () => {
    expect(await numbers('rk.music@mail.ru')).toEqual(['40000125'])
    expect(await numbers('RK.Music@')).toEqual(['40000125'])
  })

  it('shows closed accounts, marked as closed; near surnames follow, marked as such', async () => {
    const { hits } = await search('Иванова')
    expect(hits[0]).toMatchObject({ number: '40000126', status: 'closed', similarTo: null })
    expect(hits.slice(1).every((hit) => hit.similarTo !== null)).toBe(true)
  })

  it('says an empty or meaningless query is empty instead of searching', async () => {
    for (const query of ['', '   ', '%%%', '***', '""', ',.;'])
      expect(await search(query)).toEqual({ understood: 'empty', hits: [], total: 0, streets: [] })
  })

  it('treats quotes, %, _, *, SQL and FTS syntax as plain text: no error, nothing wrong found', async () => {
    for (const query of [
      `Иванов" OR "1"="1`,
      "'; DROP TABLE accounts; --",
      'Иван%',
      'Ива_ов',
      'NEAR(Иванов Пётр)',
      'owner : Иванов',
      '*',
      'Иванов AND NOT Петров',
      '^Иванов',
      'Иванов)',
    ]) {
      const result = await t.app.router.invoke({
        channel: 'accounts.search',
        payload: { query },
        token: operator,
      })
      expect(result.ok, query).toBe(true)
    }
    expect(await numbers('Ива_ов')).toEqual([])
    expect(await numbers("'; DROP TABLE accounts; --")).toEqual([])
    expect((t.app.local.sql.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n).toBe(8)
  })

  it('follows an edit: a changed surname is found by the new one only', async () => {
    t.app.local.sql.prepare(`UPDATE accounts SET surname = 'Ёлкина' WHERE id = 1`).run()
    expect(await numbers('елкина')).toEqual(['40000001'])
    expect((await search('Пожарова')).hits.map((h) => h.matchedBy)).toEqual(['address', 'address'])
    t.app.local.sql.prepare(`UPDATE accounts SET surname = 'Пожарова' WHERE id = 1`).run()
  })
})
