import { pageRows } from '@shared/central/api'
import type { CentralClient } from './central-client'
import type { LocalMirror } from './local-mirror'
import type { FeedCursor, SyncState } from './sync-state'

export interface InitialSyncProgress {
  /** Feed position taken before the copy began: the feed is pulled from here afterwards. */
  start: FeedCursor
  fromPeriod: string
  step: number
  steps: number
  /** Key of the last row copied in the current step; null at a step's beginning. */
  after: (string | number)[] | null
  copied: number
  total: number
  done: boolean
}

/**
 * The first sync of a console (docs/central-service.md): every account and meter, the last 13
 * periods of readings, open work; read from the service in keyset pages, each page written in one
 * local transaction together with the progress, so an interrupted copy resumes where it stopped. Rows
 * that change during the copy come again through the feed, which starts before the copy did.
 */
export async function initialSync(
  client: CentralClient,
  mirror: LocalMirror,
  state: SyncState,
  currentPeriod: string,
  onProgress: (progress: InitialSyncProgress) => void = () => undefined,
  pageSize = 10_000,
): Promise<InitialSyncProgress> {
  let progress = state.get<InitialSyncProgress>('initialSync')
  if (progress?.done) return progress
  if (!progress) {
    const start = await client.initialStart(currentPeriod)
    progress = {
      start: start.start,
      fromPeriod: start.fromPeriod,
      step: 0,
      steps: start.steps,
      after: null,
      copied: 0,
      total: start.total,
      done: false,
    }
    mirror.beginInitialCopy()
    state.set('initialSync', progress)
  }
  onProgress(progress)

  const request = (step: number, after: (string | number)[] | null) => {
    const reading = client.initialPage({ step, fromPeriod: progress!.fromPeriod, after, limit: pageSize })
    // Awaited on the next turn; until then a failure must not count as unhandled.
    reading.catch(() => undefined)
    return reading
  }
  let reading = request(progress.step, progress.after)
  while (progress.step < progress.steps) {
    const page = await reading
    const rows = pageRows(page)
    const last = rows[rows.length - 1]
    const next: InitialSyncProgress =
      page.rows.length < pageSize
        ? { ...progress, step: progress.step + 1, after: null, copied: progress.copied + page.rows.length }
        : {
            ...progress,
            after: page.key.map((k) => last![k] as string | number),
            copied: progress.copied + page.rows.length,
          }
    if (next.step === next.steps) next.done = true
    else {
      // The next page is on its way while this one is written: network and disk overlap. One turn of
      // the event loop first, so the request leaves before the (synchronous) write begins.
      reading = request(next.step, next.after)
      await new Promise((resolve) => setImmediate(resolve))
    }
    mirror.applyWith(
      rows.map((row) => ({ table: page.table, op: 'I' as const, row })),
      () => {
        state.set('initialSync', next)
        if (next.done) {
          state.set('cursor', next.start)
          // Before the last page's rows, which the triggers then count as they arrive.
          mirror.endInitialCopy()
        }
      },
    )
    progress = next
    onProgress(progress)
  }
  return progress
}
