import { describe, expect, it } from 'vitest'
import { allPassed, checkRegistration, type RegistrationFacts } from '@shared/domain/registration-checks'
import { matchSurname } from '@shared/domain/surname-match'

describe('the surname a subscriber typed against the owner’s', () => {
  it('matches regardless of case', () => {
    expect(matchSurname('ИВАНОВА', 'Иванова')).toEqual({ kind: 'match' })
    expect(matchSurname('  иванова ', 'Иванова')).toEqual({ kind: 'match' })
  })

  it('treats ё and е as the same letter, either way round', () => {
    expect(matchSurname('Семенов', 'Семёнов')).toEqual({ kind: 'match' })
    expect(matchSurname('Фёдорова', 'Федорова')).toEqual({ kind: 'match' })
  })

  it('takes a "й" typed decomposed (и + a combining breve, as some phones send it) for the letter', () => {
    const decomposed = 'Чайкина'.normalize('NFD')
    expect(decomposed).not.toBe('Чайкина')
    expect(matchSurname(decomposed, 'Чайкина')).toEqual({ kind: 'match' })
    expect(matchSurname('Чайкина', 'Чайкина'.normalize('NFD'))).toEqual({ kind: 'match' })
  })

  it('ignores how a double surname is joined: hyphen, dash, space or nothing', () => {
    for (const typed of ['Петрова-Водкина', 'Петрова – Водкина', 'Петрова Водкина', 'ПетроваВодкина'])
      expect(matchSurname(typed, 'Петрова-Водкина')).toEqual({ kind: 'match' })
  })

  it('does not take one half of a double surname for the whole, but says it is a part', () => {
    expect(matchSurname('Петрова', 'Петрова-Водкина')).toEqual({ kind: 'partOfDouble' })
    expect(matchSurname('Петрова-Водкина', 'Водкина')).toEqual({ kind: 'partOfDouble' })
  })

  it('flags a Latin look-alike letter typed in a Cyrillic surname instead of matching it', () => {
    // A Latin "o" (U+006F) in the middle and a Latin "C" at the start.
    expect(matchSurname('Сидоров'.replace('о', 'o'), 'Сидоров')).toEqual({
      kind: 'latinLookalike',
      positions: [3],
    })
    expect(matchSurname('Cидоров', 'Сидоров')).toEqual({ kind: 'latinLookalike', positions: [0] })
  })

  it('calls a different surname a mismatch', () => {
    expect(matchSurname('Смирнов', 'Смирнова')).toEqual({ kind: 'mismatch' })
    expect(matchSurname('Кузнецов', 'Иванов')).toEqual({ kind: 'mismatch' })
  })
})

const facts = (overrides: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  surnameTyped: 'Иванова',
  account: { status: 'active', ownerSurname: 'Иванова' },
  cabinetState: null,
  emailUsedElsewhere: false,
  ...overrides,
})

const failed = (f: RegistrationFacts) =>
  checkRegistration(f)
    .filter((check) => !check.passed)
    .map((check) => `${check.code}:${check.reason}`)

describe('the automatic checks of a web registration', () => {
  it('all pass for an active account, the owner’s surname, no cabinet and a free email', () => {
    expect(allPassed(checkRegistration(facts()))).toBe(true)
  })

  it('fails the account and the surname when the account number is unknown', () => {
    expect(failed(facts({ account: null }))).toEqual([
      'accountActive:accountUnknown',
      'surnameMatches:noOwnerToCompare',
    ])
  })

  it('fails a closed account', () => {
    expect(failed(facts({ account: { status: 'closed', ownerSurname: 'Иванова' } }))).toEqual([
      'accountActive:accountClosed',
    ])
  })

  it('fails a surname that is not the owner’s, with the kind of difference', () => {
    expect(failed(facts({ surnameTyped: 'Петрова' }))).toEqual(['surnameMatches:mismatch'])
    expect(failed(facts({ surnameTyped: 'Ивaнова' }))).toEqual(['surnameMatches:latinLookalike'])
  })

  it('fails an account whose cabinet is already confirmed or active, not one rejected or revoked', () => {
    expect(failed(facts({ cabinetState: 'active' }))).toEqual(['noActiveCabinet:cabinetActive'])
    expect(failed(facts({ cabinetState: 'confirmed' }))).toEqual(['noActiveCabinet:cabinetConfirmed'])
    expect(failed(facts({ cabinetState: 'rejected' }))).toEqual([])
    expect(failed(facts({ cabinetState: 'revoked' }))).toEqual([])
  })

  it('fails an email another account’s cabinet already uses', () => {
    expect(failed(facts({ emailUsedElsewhere: true }))).toEqual(['emailFree:emailUsed'])
  })
})
