import { describe, expect, it } from 'vitest'
import { ERROR_CODES, ROLES } from '@shared/contract'
import en from '../../src-renderer/src/i18n/en.json'
import ru from '../../src-renderer/src/i18n/ru.json'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

describe('interface messages', () => {
  it('has English for every Russian message and nothing extra', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort())
  })
  it('has a sentence for every error code the contract can return, in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(ru.errors).toHaveProperty(code)
      expect(en.errors).toHaveProperty(code)
    }
  })
  it('names every role', () => {
    for (const role of ROLES) expect(ru.roles).toHaveProperty(role)
  })
})
