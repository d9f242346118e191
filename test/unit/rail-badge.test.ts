import { describe, expect, it } from 'vitest'
import { railBadge } from '../../src-renderer/src/rail-badge'

describe('the rail’s count badges', () => {
  it('show up to three digits, then «999+», so a count never covers its icon', () => {
    expect(railBadge(7)).toBe('7')
    expect(railBadge(999)).toBe('999')
    expect(railBadge(1000)).toBe('999+')
    expect(railBadge(19703)).toBe('999+')
  })
})
