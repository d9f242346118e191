import { describe, expect, it } from 'vitest'
import { rewriteSpokenForms } from '@shared/domain/search/spoken-forms'

describe('what a caller says, typed as heard', () => {
  it('drops a label that only says what the number is', () => {
    expect(rewriteSpokenForms('л/с 40013306')).toBe('40013306')
    expect(rewriteSpokenForms('лс: 40013306')).toBe('40013306')
    expect(rewriteSpokenForms('лицевой счет 40013306')).toBe('40013306')
    expect(rewriteSpokenForms('тел. 8 978 761-89-13')).toBe('8 978 761-89-13')
    expect(rewriteSpokenForms('телефон +7 (978) 761-89-13')).toBe('+7 (978) 761-89-13')
    // A label before words is no number: left as it was.
    expect(rewriteSpokenForms('лс иванов')).toBe('лс иванов')
  })

  it('reads Russian numerals up to the thousands', () => {
    expect(rewriteSpokenForms('дом четыре квартира двадцать семь')).toBe('дом 4 квартира 27')
    expect(rewriteSpokenForms('сто пять')).toBe('105')
    expect(rewriteSpokenForms('двести двенадцать')).toBe('212')
    expect(rewriteSpokenForms('две тысячи сорок')).toBe('2040')
    expect(rewriteSpokenForms('одиннадцать')).toBe('11')
    // Two units in a row are two numbers: "три пять" is 3 and 5, not 8.
    expect(rewriteSpokenForms('три пять')).toBe('3 5')
  })

  it('reads a fraction said aloud', () => {
    expect(rewriteSpokenForms('горпищенко 29 дробь 1 кв 117')).toBe('горпищенко 29/1 кв 117')
  })

  it('leaves names alone, even those that start like numbers', () => {
    expect(rewriteSpokenForms('сорокина семенова')).toBe('сорокина семенова')
  })
})
