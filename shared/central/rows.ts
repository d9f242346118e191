/** One row image from the central database: a change from the feed, or a row read directly. */
export interface CentralRow {
  table: string
  op: 'I' | 'U' | 'D'
  row: Record<string, unknown>
}

/** Where a console is in the central change feed: past every change with a smaller (txid, id). */
export interface FeedCursor {
  txid: string
  id: string
}

export const FEED_START: FeedCursor = { txid: '0', id: '0' }
