import { describe, expect, it } from 'vitest'
import { sharedLetters, slipsAllowed, withinOneEdit, withinSlips } from '../../shared/domain/search/one-edit'

/** How far a typed word may be from a known one (docs/business-rules.md#finding-the-callers-account). */
describe('typing slips', () => {
  it('allows none below four letters, one in four or five, two from six', () => {
    expect([3, 4, 5, 6, 9].map(slipsAllowed)).toEqual([0, 1, 1, 2, 2])
  })

  it('counts a letter missed, added, replaced, or two neighbours swapped as one slip each', () => {
    expect(withinOneEdit('лазрева', 'лазарева')).toBe(true)
    expect(withinOneEdit('лазраева', 'лазарева')).toBe(true)
    expect(withinSlips('лазрва', 'лазарева', 2)).toBe(true) // two missed
    expect(withinSlips('лазорева', 'лазарева', 2)).toBe(true) // one replaced
    expect(withinSlips('лзаарева', 'лазарева', 2)).toBe(true) // neighbours swapped
    expect(withinSlips('лзрвеа', 'лазарева', 2)).toBe(false) // three
    expect(withinSlips('лазрва', 'лазарева', 1)).toBe(false)
    expect(withinSlips('петров', 'пертова', 2)).toBe(true)
    expect(withinSlips('мельноива', 'мельникова', 2)).toBe(true) // missed, then the neighbours it left swapped
    expect(withinSlips('сидоров', 'лазарева', 2)).toBe(false)
  })

  it('agrees with the one-slip check at one slip', () => {
    for (const [typed, known] of [
      ['иванво', 'иванов'],
      ['ивнов', 'иванов'],
      ['иваннов', 'иванов'],
      ['ивонов', 'иванов'],
      ['ивн', 'иванов'],
    ] as const)
      expect(withinSlips(typed, known, 1)).toBe(withinOneEdit(typed, known))
  })

  it('prefers, among words as many slips away, the one sharing more letters in order', () => {
    expect(sharedLetters('игшина', 'гришина')).toBeGreaterThan(sharedLetters('игшина', 'ильина'))
    expect(sharedLetters('азаева', 'лазарева')).toBeGreaterThan(sharedLetters('азаева', 'исаева'))
    expect(sharedLetters('', 'иванов')).toBe(0)
  })
})
