import { describe, expect, it } from 'vitest'
import { parseAccountQuery } from '@shared/domain/account-search-query'

describe('reading what was typed into the search box', () => {
  it('reads digits in any formatting as numbers, and 11 digits starting with 7 or 8 as a phone too', () => {
    expect(parseAccountQuery('+7 (978) 123-45-67')).toEqual({
      kind: 'digits',
      digits: '79781234567',
      phone: '9781234567',
    })
    expect(parseAccountQuery('40000123')).toEqual({ kind: 'digits', digits: '40000123', phone: null })
  })

  it('drops the words that only name an address part', () => {
    expect(parseAccountQuery('ул. Большая Морская, д. 3, кв. 7')).toEqual({
      kind: 'text',
      words: ['большая', 'морская'],
      numbers: ['3', '7'],
      initials: [],
    })
  })

  it('keeps one-letter initials that look like address words when there is no number', () => {
    expect(parseAccountQuery('Максимова Д. Б.')).toEqual({
      kind: 'text',
      words: ['максимова'],
      numbers: [],
      initials: ['д', 'б'],
    })
    expect(parseAccountQuery('Петров К.Т.')).toMatchObject({ initials: ['к', 'т'] })
  })

  it('folds ё into е and the case away', () => {
    expect(parseAccountQuery('ФЁДОРОВ')).toMatchObject({ kind: 'text', words: ['федоров'] })
  })

  it('searches an email by the part before @', () => {
    expect(parseAccountQuery('Ivanov.A@Mail.ru')).toEqual({
      kind: 'email',
      email: 'ivanov.a@mail.ru',
      words: ['ivanov', 'a'],
    })
  })

  it('calls a query with nothing searchable empty', () => {
    for (const query of ['', '  ', '%%%', '"*"', 'ул. д. кв.'])
      expect(parseAccountQuery(query)).toEqual({ kind: 'empty' })
  })
})
