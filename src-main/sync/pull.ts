import type pg from 'pg'
import { readFeed } from './change-feed'
import type { LocalMirror } from './local-mirror'
import { FEED_START, type SyncState } from './sync-state'

/**
 * Brings the local copy up to the central change feed, page by page. Each page and the cursor past it
 * are written in one local transaction: a crash repeats at most a page, and a repeated page changes
 * nothing (rows are taken only when newer).
 */
export async function pullChanges(pool: pg.Pool, mirror: LocalMirror, state: SyncState, pageSize = 2_000) {
  let pulled = 0
  for (;;) {
    const page = await readFeed(pool, state.cursor() ?? FEED_START, pageSize)
    if (page.changes.length === 0) return pulled
    mirror.applyWith(page.changes, () => state.set('cursor', page.next))
    pulled += page.changes.length
    if (page.changes.length < pageSize) return pulled
  }
}
