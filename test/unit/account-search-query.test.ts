import { describe, expect, it } from 'vitest'
import { parseAccountQuery, type TextQuery } from '@shared/domain/search/account-query'

const address = (query: string) => (parseAccountQuery(query) as TextQuery).address

describe('reading what was typed into the search box', () => {
  it('reads digits in any formatting as numbers, and 11 digits starting with 7 or 8 as a phone too', () => {
    expect(parseAccountQuery('+7 (978) 123-45-67')).toEqual({
      kind: 'digits',
      digits: '79781234567',
      phone: '9781234567',
    })
    expect(parseAccountQuery('40000123')).toEqual({ kind: 'digits', digits: '40000123', phone: null })
  })

  it('keeps one-letter initials that look like address words when there is no number', () => {
    expect(parseAccountQuery('Максимова Д. Б.')).toEqual({
      kind: 'text',
      words: ['максимова'],
      numbers: [],
      initials: ['д', 'б'],
      address: null,
    })
    expect(parseAccountQuery('Петров К.Т.')).toMatchObject({ initials: ['к', 'т'] })
  })

  it('reads two letters beside a surname as initials written together', () => {
    expect(parseAccountQuery('иванова ап')).toMatchObject({ words: ['иванова'], initials: ['а', 'п'] })
    expect(parseAccountQuery('Иванова А.П.')).toMatchObject({ words: ['иванова'], initials: ['а', 'п'] })
    expect(parseAccountQuery('Иванова А П')).toMatchObject({ words: ['иванова'], initials: ['а', 'п'] })
    // "сп" and "пр" are also street types; after a surname they are initials.
    expect(parseAccountQuery('Дёмин СП')).toMatchObject({ words: ['демин'], initials: ['с', 'п'] })
    expect(parseAccountQuery('Петров пр')).toMatchObject({ words: ['петров'], initials: ['п', 'р'] })
    expect(parseAccountQuery('пр Победы')).toMatchObject({ words: ['победы'], initials: [] })
  })

  it('folds ё into е and the case away', () => {
    expect(parseAccountQuery('ФЁДОРОВ')).toMatchObject({ kind: 'text', words: ['федоров'] })
  })

  it('reads an email, whole or begun, and one Latin word as the start of one', () => {
    expect(parseAccountQuery('Ivanov.A@Mail.ru')).toEqual({ kind: 'email', email: 'ivanov.a@mail.ru' })
    expect(parseAccountQuery('ivanov.a')).toEqual({ kind: 'email', email: 'ivanov.a' })
    expect(parseAccountQuery('@mail.ru')).toEqual({ kind: 'empty' })
  })

  it('calls a query with nothing searchable empty', () => {
    for (const query of ['', '  ', '%%%', '"*"', 'ул. д. кв.'])
      expect(parseAccountQuery(query)).toEqual({ kind: 'empty' })
  })
})

describe('reading an address the way callers give it', () => {
  const plain = { streetType: null, houses: [{ house: '5', building: null }], flat: '12' }

  it('reads the last two bare numbers as house then flat, and keeps the reverse as a second reading', () => {
    expect(address('Острякова 5 12')).toEqual({ ...plain, swapped: { house: '12', flat: '5' } })
    expect(address('проспект Гагарина 37 27')).toMatchObject({
      streetType: 'проспект',
      houses: [{ house: '37', building: null }],
      flat: '27',
      swapped: { house: '27', flat: '37' },
    })
  })

  it('takes labelled parts at their word, in any order, with no second reading', () => {
    for (const query of [
      'ул. Острякова, д. 5, кв. 12',
      'Острякова ул д5 кв12',
      'кв. 12 д. 5 Острякова',
      'улица Острякова дом 5 квартира 12',
      'Острякова, д.5, кв.12',
    ])
      expect(address(query), query).toMatchObject({
        houses: [{ house: '5', building: null }],
        flat: '12',
        swapped: null,
      })
  })

  it('knows every street-type spelling, before or after the name', () => {
    const types: [string, string][] = [
      ['ул. Ленина 3', 'улица'],
      ['Ленина ул. 3', 'улица'],
      ['пр-т Победы 3', 'проспект'],
      ['пр-кт Победы 3', 'проспект'],
      ['просп. Победы 3', 'проспект'],
      ['Победы проспект 3', 'проспект'],
      ['пер. Тихий 3', 'переулок'],
      ['наб. Назукина 3', 'набережная'],
      ['б-р Старый 3', 'бульвар'],
      ['пл. Ушакова 3', 'площадь'],
      ['ш. Фиолентовское 3', 'шоссе'],
    ]
    for (const [query, type] of types) expect(address(query)?.streetType, query).toBe(type)
    expect(parseAccountQuery('пр-т Победы 3')).toMatchObject({ words: ['победы'] })
  })

  it('reads a house letter glued or apart, and a fraction as the house or as its building', () => {
    expect(address('Косарева 14А')?.houses).toEqual([{ house: '14а', building: null }])
    expect(address('Косарева 14 А кв 3')).toMatchObject({
      houses: [{ house: '14а', building: null }],
      flat: '3',
    })
    expect(address('Косарева 5/2 кв 7')?.houses).toEqual([
      { house: '5/2', building: null },
      { house: '5', building: '2' },
    ])
  })

  it('reads a building written "к2", "корп. 2", "стр. 1" or as the middle of three numbers', () => {
    for (const query of [
      'Косарева 14к2 кв 5',
      'Косарева 14 корп. 2 кв. 5',
      'Косарева д 14 корпус 2, 5',
      'Косарева 14 2 5',
    ])
      expect(address(query), query).toMatchObject({ houses: [{ house: '14', building: '2' }], flat: '5' })
    expect(address('Косарева 14 стр. 1')?.houses).toEqual([{ house: '14', building: '1' }])
  })

  it('keeps "б." of "Большая" as an abbreviation and drops the city', () => {
    expect(parseAccountQuery('г. Севастополь, б. Морская 3 7')).toMatchObject({
      words: ['морская'],
      initials: ['б'],
      address: { houses: [{ house: '3', building: null }], flat: '7' },
    })
  })

  it('reads a private house without a flat', () => {
    expect(address('Сливовая 120')).toEqual({
      streetType: null,
      houses: [{ house: '120', building: null }],
      flat: null,
      swapped: null,
    })
  })
})
