import { describe, expect, it } from 'vitest'
import { describeSyncError, linkOf, type LiveSyncState } from '../../src-main/sync/sync-status'
import { ServiceRefused } from '../../src-main/sync/central-client'

const live = (over: Partial<LiveSyncState>): LiveSyncState => ({
  mode: 'offline',
  lastSyncAt: null,
  problem: null,
  initialSync: null,
  silent: false,
  starting: false,
  ...over,
})

/** The badge's word for the link (docs/business-rules.md#who-uses-the-console). */
describe('the sync badge’s link', () => {
  it('says copying while a fresh console takes its first copy, never "no link"', () => {
    expect(linkOf(live({ starting: true }), false)).toBe('copying')
    expect(linkOf(live({ initialSync: { copied: 10, total: 100 } }), false)).toBe('copying')
    // A console with a copy, just started: online until a cycle says otherwise.
    expect(linkOf(live({ starting: true }), true)).toBe('online')
  })

  it('tells a silent service from one that is away and one that refuses', () => {
    expect(linkOf(live({ mode: 'online' }), true)).toBe('online')
    expect(linkOf(live({ mode: 'online', silent: true }), true)).toBe('noAnswer')
    const timeout = describeSyncError(
      Object.assign(new Error('central service timeout'), { code: 'ETIMEDOUT' }),
    )
    expect(timeout.kind).toBe('noAnswer')
    expect(linkOf(live({ problem: timeout }), true)).toBe('noAnswer')
    const refused = describeSyncError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))
    expect(linkOf(live({ problem: refused }), true)).toBe('offline')
    const revoked = describeSyncError(new ServiceRefused(403, { code: 'CONSOLE_REVOKED' }))
    expect(linkOf(live({ problem: revoked }), true)).toBe('refused')
    expect(linkOf(live({ mode: 'localOnly' }), false)).toBe('localOnly')
  })
})
