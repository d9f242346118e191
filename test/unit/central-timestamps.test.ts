import { describe, expect, it } from 'vitest'
import { isoFromUtcText } from '../../src-central/feed/initial-copy'

describe('timestamps of a first copy, cut from PostgreSQL’s UTC text', () => {
  it.each([
    ['2026-11-25 10:00:00.123456+00', '2026-11-25T10:00:00.123Z'],
    ['2026-11-25 10:00:00+00', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25 10:00:00.5+00', '2026-11-25T10:00:00.500Z'],
    // Another zone (a session not in UTC) still comes out right, the slow way.
    ['2026-11-25 13:00:00.5+03', '2026-11-25T10:00:00.500Z'],
  ])('%s is %s, as Date would print it', (text, iso) => {
    expect(isoFromUtcText(text)).toBe(iso)
  })
})
