import type { FeedAnswer } from '@shared/central/api'
import { FEED_START, type FeedCursor } from '@shared/central/rows'
import type { LocalMirror } from './local-mirror'
import type { SyncState } from './sync-state'

export type FeedReader = (cursor: FeedCursor, limit: number) => Promise<FeedAnswer>

/**
 * Brings the local copy up to the central change feed, page by page. Each page and the cursor past it
 * are written in one local transaction: a crash repeats at most a page, and a repeated page changes
 * nothing (rows are taken only when newer). `heldBack`: committed changes wait behind an older central
 * transaction still open, and the caller should read again shortly.
 */
export async function pullChanges(
  readFeed: FeedReader,
  mirror: LocalMirror,
  state: SyncState,
  pageSize = 5_000,
): Promise<{ pulled: number; heldBack: boolean }> {
  let pulled = 0
  for (;;) {
    const page = await readFeed(state.cursor() ?? FEED_START, pageSize)
    if (page.changes.length === 0) {
      // Rows a console may not see still move the cursor on.
      if (
        page.next.txid !== (state.cursor() ?? FEED_START).txid ||
        page.next.id !== (state.cursor() ?? FEED_START).id
      )
        state.set('cursor', page.next)
      return { pulled, heldBack: page.heldBack === true }
    }
    mirror.applyWith(page.changes, () => state.set('cursor', page.next))
    pulled += page.changes.length
    if (page.changes.length < pageSize) return { pulled, heldBack: page.heldBack === true }
  }
}
