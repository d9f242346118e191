import type { AccountRow } from '../../src-main/db/local/account-rows'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

/**
 * The ranking and tolerance rules of the search (docs/business-rules.md#finding-the-callers-account), each on
 * a small city built to contain its trap: the same house and flat numbers reversed, a surname that is also a
 * patronymic's beginning, a surname that is the beginning of a longer one.
 */
describe('account search: parts, ranking and tolerance', () => {
  let t: TestApp
  let operator: string
  const search = async (query: string, more: { status?: 'active'; street?: string; limit?: number } = {}) =>
    t.call('accounts.search', { query, ...more }, operator)
  const first = async (query: string) => (await search(query)).hits[0]?.number
  let id = 100
  const account = (overrides: Partial<AccountRow>) => {
    id++
    return anAccount({
      id,
      number: String(50_000_000 + id),
      eircNumber: `9202${String(id).padStart(8, '0')}`,
      ...overrides,
    })
  }

  beforeAll(async () => {
    t = await buildTestApp()
    operator = await t.tokenFor('operator')
    insertAccounts(t.app.local.sql, [
      // House 37 flat 27 and house 27 flat 37 on one avenue.
      account({
        number: '50000001',
        surname: 'Орлова',
        street: 'пр-т Гагарина',
        house: '37',
        apartment: '27',
      }),
      account({
        number: '50000002',
        surname: 'Сомов',
        street: 'пр-т Гагарина',
        house: '27',
        apartment: '37',
      }),
      // House 14 and house 14А; a building; a fraction.
      account({ number: '50000003', surname: 'Беляев', street: 'ул. Косарева', house: '14', apartment: '5' }),
      account({ number: '50000004', surname: 'Белов', street: 'ул. Косарева', house: '14А', apartment: '5' }),
      account({
        number: '50000005',
        surname: 'Гусев',
        street: 'ул. Косарева',
        house: '14',
        building: '2',
        apartment: '5',
      }),
      account({ number: '50000006', surname: 'Жуков', street: 'ул. Косарева', house: '5/2', apartment: '7' }),
      // "б. Морская" is Большая Морская, not Морская.
      account({
        number: '50000007',
        surname: 'Титов',
        street: 'ул. Большая Морская',
        house: '3',
        apartment: '7',
      }),
      account({ number: '50000008', surname: 'Титова', street: 'ул. Морская', house: '3', apartment: '7' }),
      // A private house, and a street whose name ends the other type's street ("Генерала Острякова").
      account({
        number: '50000009',
        surname: 'Ковалёв',
        street: 'пр-т Генерала Острякова',
        house: '5',
        apartment: null,
        houseType: 'private',
      }),
      account({
        number: '50000010',
        surname: 'Ковалёва',
        street: 'пр-т Генерала Острякова',
        house: '5',
        apartment: '12',
      }),
      // Surname vs patronymic, exact vs longer surname, live vs closed.
      account({ number: '50000011', surname: 'Калинина', firstName: 'Мария', patronymic: 'Геннадьевна' }),
      account({ number: '50000012', surname: 'Калинин', firstName: 'Михаил', patronymic: 'Григорьевич' }),
      account({ number: '50000013', surname: 'Петров', firstName: 'Иван', patronymic: 'Олегович' }),
      account({
        number: '50000014',
        surname: 'Калинин',
        firstName: 'Марк',
        patronymic: 'Глебович',
        status: 'closed',
      }),
      account({
        number: '50000015',
        surname: 'Воробьёва',
        firstName: 'Анна',
        patronymic: 'Павловна',
        phone: '+7 978 555-12-34',
      }),
      account({ number: '50000016', surname: 'Шестакова', firstName: 'Ольга', patronymic: 'Петровна' }),
    ])
  })
  afterAll(() => t.dispose())

  it('reads "37 27" as house 37 flat 27 first, and the reverse only after it', async () => {
    const hits = (await search('проспект Гагарина 37 27')).hits.map((hit) => hit.number)
    expect(hits.slice(0, 2)).toEqual(['50000001', '50000002'])
    expect(await first('Гагарина, д. 27, кв. 37')).toBe('50000002')
    expect(await first('кв 37 д 27 Гагарина')).toBe('50000002')
  })

  it('tells house 14 from 14А, the building from the house, and reads a fraction either way', async () => {
    expect(await first('Косарева 14 5')).toBe('50000003')
    expect(await first('Косарева 14А 5')).toBe('50000004')
    expect(await first('Косарева 14 а, кв. 5')).toBe('50000004')
    for (const query of ['Косарева 14к2 кв 5', 'Косарева 14 корп. 2 кв. 5', 'Косарева д. 14, корпус 2, 5'])
      expect(await first(query), query).toBe('50000005')
    expect(await first('Косарева 5/2 7')).toBe('50000006')
    expect(await first('ул Косарева д 5/2 кв 7')).toBe('50000006')
  })

  it('reads "б." as Большая, and the whole name over a name that is part of another', async () => {
    expect(await first('б. Морская 3 7')).toBe('50000007')
    expect(await first('Морская 3 7')).toBe('50000008')
    expect(await first('ул. Большая Морская 3-7')).toBe('50000007')
  })

  it('finds a street by the last word of its name, type before or after, with a slip', async () => {
    expect(await first('Острякова 5 12')).toBe('50000010')
    expect(await first('Острякова 5')).toBe('50000009')
    expect(await first('пр-кт Острякова 5 кв 12')).toBe('50000010')
    const slip = (await search('Остраякова 5 12')).hits[0]
    expect(slip).toMatchObject({ number: '50000010', similarTo: 'пр-т Генерала Острякова' })
  })

  it('ranks the exact surname before longer ones, surnames before patronymics, live before closed', async () => {
    const owners = (await search('Калинин')).hits.map((hit) => hit.number)
    expect(owners).toEqual(['50000012', '50000014', '50000011'])
    // Петров the surname before Шестакова Ольга Петровна.
    expect((await search('Петров')).hits.map((hit) => hit.number)).toEqual(['50000013', '50000016'])
    expect(await first('Калинина М.Г.')).toBe('50000011')
    expect(await first('Калинин М.Г.')).toBe('50000012')
  })

  it('reads initials written together or apart', async () => {
    for (const query of ['воробьева ап', 'Воробьева А.П.', 'Воробьева А П', 'Анна Воробьёва'])
      expect(await first(query), query).toBe('50000015')
  })

  it('corrects one slip in a surname and says so', async () => {
    for (const query of ['Воробьова', 'Вороьбёва', 'Воробьёвва', 'Вробьёва'])
      expect((await search(query)).hits[0], query).toMatchObject({
        number: '50000015',
        similarTo: expect.stringContaining('воробьева'),
      })
  })

  it('reads a query typed in the wrong keyboard layout and says so', async () => {
    expect((await search('Itcnfrjdf')).hits[0]).toMatchObject({ number: '50000016', similarTo: 'Шестакова' })
    expect((await search('itcnfrjdf jg')).hits[0]).toMatchObject({ number: '50000016' })
  })

  it('finds by the last seven digits of a phone', async () => {
    expect(await first('5551234')).toBe('50000015')
    expect(await first('555-12-34')).toBe('50000015')
  })

  it('says how many match when the list is cut, and narrows by status and street with one key', async () => {
    const cut = await search('Калинин', { limit: 2 })
    expect(cut.hits).toHaveLength(2)
    expect(cut.total).toBe(3)
    expect(cut.streets).toEqual(['ул. Ленина'])
    const live = await search('Калинин', { status: 'active' })
    expect(live.hits.map((hit) => hit.number)).not.toContain('50000014')
    const onStreet = await search('Титов', { street: 'ул. Морская' })
    expect(onStreet.hits.map((hit) => hit.number)).toEqual(['50000008'])
  })
})
