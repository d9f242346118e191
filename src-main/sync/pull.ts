import type { FeedAnswer } from '@shared/central/api'
import { FEED_START, type FeedCursor } from '@shared/central/rows'
import type { LocalMirror } from './local-mirror'
import type { SyncState } from './sync-state'

export type FeedReader = (cursor: FeedCursor, limit: number) => Promise<FeedAnswer>

/**
 * Brings the local copy up to the central change feed, page by page. Each page and the cursor past it
 * are written in one local transaction: a crash repeats at most a page, and a repeated page changes
 * nothing (rows are taken only when newer). The next page is asked for as soon as a full page arrives
 * and travels while this one is written. `heldBack`: committed changes wait behind an older central
 * transaction still open, and the caller should read again shortly.
 */
export async function pullChanges(
  readFeed: FeedReader,
  mirror: LocalMirror,
  state: SyncState,
  pageSize = 5_000,
): Promise<{ pulled: number; heldBack: boolean }> {
  let pulled = 0
  const from = state.cursor() ?? FEED_START
  let reading = readFeed(from, pageSize)
  for (;;) {
    const page = await reading
    const full = page.changes.length === pageSize
    if (full) {
      reading = readFeed(page.next, pageSize)
      // Awaited on the next turn of the loop; if this page's write fails first, it is dropped.
      reading.catch(() => undefined)
    }
    if (page.changes.length === 0) {
      // Rows a console may not see still move the cursor on.
      const cursor = state.cursor() ?? FEED_START
      if (page.next.txid !== cursor.txid || page.next.id !== cursor.id) state.set('cursor', page.next)
      return { pulled, heldBack: page.heldBack === true }
    }
    mirror.applyWith(page.changes, () => state.set('cursor', page.next))
    pulled += page.changes.length
    if (!full) return { pulled, heldBack: page.heldBack === true }
  }
}
