import type { AccountRow } from '../../src-main/db/local/account-rows'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

/**
 * The search, round two (docs/business-rules.md#finding-the-callers-account): the forms callers say and
 * operators type that the first round read wrong, each quoted query with the account it must put first,
 * on a small city built to hold its trap (surnames that are streets too, a house of many flats).
 */
describe('account search: names inside addresses, houses without flats, words for numbers', () => {
  let t: TestApp
  let operator: string
  const search = (query: string) => t.call('accounts.search', { query }, operator)
  const first = async (query: string) => (await search(query)).hits[0]
  let id = 200
  const account = (overrides: Partial<AccountRow>) => {
    id++
    return anAccount({
      id,
      number: String(40_013_000 + id),
      eircNumber: `9201${String(60_000_000 + id).padStart(8, '0')}`,
      ...overrides,
    })
  }

  beforeAll(async () => {
    t = await buildTestApp()
    operator = await t.tokenFor('operator')
    const lenina58 = Array.from({ length: 61 }, (_, n) =>
      account({ surname: `Жильцов${n}`, street: 'ул. Ленина', house: '58', apartment: String(n + 1) }),
    )
    insertAccounts(t.app.local.sql, [
      // Новиков Н. of ул. Новикова 26/1-115, and Новикова of ул. Суворова 26/1-115.
      account({
        number: '40013101',
        surname: 'Новиков',
        street: 'ул. Новикова',
        house: '26/1',
        apartment: '115',
      }),
      account({
        number: '40013102',
        surname: 'Новикова',
        street: 'ул. Суворова',
        house: '26/1',
        apartment: '115',
      }),
      // ул. Шевченко 5-29 against Шевченко of ул. Генерала Хрюкина 29-5.
      account({
        number: '40013103',
        surname: 'Сидоров',
        street: 'ул. Шевченко',
        house: '5',
        apartment: '29',
      }),
      account({
        number: '40013104',
        surname: 'Шевченко',
        street: 'ул. Генерала Хрюкина',
        house: '29',
        apartment: '5',
      }),
      ...lenina58,
      account({
        number: '40013105',
        surname: 'Лазарева',
        street: 'ул. Ленина',
        house: '58',
        apartment: '119',
      }),
      account({
        number: '40013106',
        surname: 'Горбунов',
        street: 'ул. Горпищенко',
        house: '29/1',
        apartment: '117',
      }),
      account({
        number: '40013107',
        surname: 'Горелов',
        street: 'ул. Горпищенко',
        house: '29',
        apartment: '117',
      }),
      account({ number: '40013108', surname: 'Парков', street: 'ул. Парковая', house: '6', apartment: '55' }),
      account({
        number: '40013109',
        surname: 'Меньшов',
        street: 'ул. Меньшикова',
        house: '4',
        apartment: '27',
      }),
      account({
        number: '40013110',
        surname: 'Кузьмин',
        street: 'ул. Гагарина',
        house: '35',
        building: '3',
        apartment: '72',
      }),
      account({
        number: '40013114',
        surname: 'Орехов',
        street: 'ул. Адмирала Октябрьского',
        house: '29',
        apartment: '12',
      }),
      account({ number: '40013115', surname: 'Римский-Корсаков', firstName: 'Николай' }),
      account({ number: '40013116', surname: 'Орлов', firstName: 'Павел' }),
      account({ number: '40013117', surname: 'Лев', firstName: 'Марк' }),
      account({ number: '40013118', surname: 'Фёдоров', firstName: 'Игорь', patronymic: 'Борисович' }),
      account({ number: '40013119', surname: 'Фёдоров', firstName: 'Илья', patronymic: 'Борисович' }),
      account({ number: '40013120', surname: 'Егоров', firstName: 'Иван', patronymic: 'Борисович' }),
      account({ number: '40013121', surname: 'Сидоров', firstName: 'Иван', patronymic: 'Борисович' }),
      account({ number: '40013111', surname: 'Фёдоров', firstName: 'Александр', patronymic: 'Иванович' }),
      account({ number: '40013112', surname: 'Фёдоров', firstName: 'Иван', patronymic: 'Петрович' }),
      account({ number: '40013113', surname: 'Фёдоров', firstName: 'Иванна', patronymic: 'Сергеевна' }),
      account({
        number: '40013306',
        eircNumber: '920177776666',
        surname: 'Ткаченко',
        phone: '+7 978 761-89-13',
        email: 'tkachenko.v@gmail.com',
      }),
    ])
  })
  afterAll(() => t.dispose())

  it('finds an account number, a phone said with its label', async () => {
    for (const query of ['л/с 40013306', 'лс 40013306', 'счет 40013306', 'счёт 40013306', '№ 40013306'])
      expect((await first(query))?.number, query).toBe('40013306')
    expect(await first('тел. 8 978 761-89-13')).toMatchObject({ number: '40013306', matchedBy: 'phone' })
  })

  it('finds an e-mail with a slip in its domain, and says what it was read as', async () => {
    expect(await first('tkachenko.v@gmail.cm')).toMatchObject({
      number: '40013306',
      matchedBy: 'email',
      similarTo: 'tkachenko.v@gmail.com',
    })
  })

  it('finds an EIRC number said without its 9201, and an account number by its last five or six digits', async () => {
    expect(await first('77776666')).toMatchObject({ number: '40013306', matchedBy: 'eircNumber' })
    expect(await first('13306')).toMatchObject({ number: '40013306', matchedBy: 'number' })
    expect(await first('013306')).toMatchObject({ number: '40013306', matchedBy: 'number' })
  })

  it('tries a word that is a surname and a street both ways: the reading with the resident wins', async () => {
    expect(await first('Новикова, ул. Суворова, д. 26/1, кв. 115')).toMatchObject({
      number: '40013102',
      similarTo: null,
    })
    expect(await first('Новикова Суворова 26/1 115')).toMatchObject({ number: '40013102' })
    expect(await first('Шевченко Хрюкина 29 5')).toMatchObject({ number: '40013104', similarTo: null })
  })

  it('finds the person said with a house and no flat, and does not call the house’s other flats exact', async () => {
    const answer = await search('Лазарева Ленина 58')
    expect(answer.hits[0]).toMatchObject({ number: '40013105', matchedBy: 'address', similarTo: null })
    expect(answer.hits[1]?.similarTo).not.toBeNull()
    // A slip in the surname, the street said right.
    expect(await first('Лазарва Ленина 58')).toMatchObject({
      number: '40013105',
      similarTo: 'лазарева, ул. Ленина',
    })
  })

  it('corrects two slips in a long surname and one in a short one, with a street or initials said', async () => {
    expect(await first('Лазрва Ленина 58')).toMatchObject({
      number: '40013105',
      similarTo: 'лазарева, ул. Ленина',
    })
    expect((await first('Лзарва Ленина 58 119'))?.number).toBe('40013105')
    expect(await first('Тачкенко И. И.')).toMatchObject({ number: '40013306', similarTo: 'ткаченко и. и.' })
    expect(await first('Орлв')).toMatchObject({ number: '40013116', similarTo: 'орлов' })
    // Three letters are too few to guess from: «Лев» is not read as «Лев» with a slip in «Лвх».
    expect(await first('Лвх')).toBeUndefined()
  })

  it('lets the surnames a word may be take turns at the top of the list', async () => {
    const answer = await search('ечдоров И. Б.')
    const surnames = answer.hits.slice(0, 3).map((hit) => hit.owner.split(' ')[0])
    expect(new Set(surnames)).toEqual(new Set(['Фёдоров', 'Егоров', 'Сидоров']))
    expect(answer.hits.every((hit) => hit.similarTo !== null)).toBe(true)
  })

  it('keeps initials said beside an address from naming another street', async () => {
    expect(await first('ул Горпищенко д. 29 кв. 117 Горелов А. А.')).toMatchObject({
      number: '40013107',
      similarTo: null,
    })
  })

  it('reads FTS operators typed by a person as words', async () => {
    const answer = await search('иванов NEAR петров')
    expect(answer.hits).toEqual([])
  })

  it('never calls a guessed address exact: a word of the street not understood marks the row', async () => {
    // A misheard «Фадеева»: Адмирала Октябрьского 29-12 may be shown, but as «похоже на».
    const hit = await first('Адмирала Фадыкина 29 12')
    expect(hit?.number).toBe('40013114')
    expect(hit?.similarTo).not.toBeNull()
  })

  it('finds a double surname typed without its hyphen', async () => {
    expect((await first('РимскийКорсаков'))?.number).toBe('40013115')
  })

  it('puts the first name said before a patronymic that begins like it', async () => {
    const answer = await search('Фёдоров Иван')
    expect(answer.hits.map((hit) => hit.number)).toEqual(['40013112', '40013113', '40013111'])
  })

  it('reads a fraction said aloud, house/flat, numbers in words and a glued building', async () => {
    expect((await first('Горпищенко 29 дробь 1, кв 117'))?.number).toBe('40013106')
    expect((await first('Парковая 6/55'))?.number).toBe('40013108')
    expect((await first('Меньшикова дом четыре квартира двадцать семь'))?.number).toBe('40013109')
    expect((await first('Гагарина 35с3-72'))?.number).toBe('40013110')
  })
})
