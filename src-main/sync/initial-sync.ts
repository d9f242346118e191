import type pg from 'pg'
import { shiftPeriod } from '@shared/domain/period'
import { feedSafePoint } from './change-feed'
import type { LocalMirror } from './local-mirror'
import type { FeedCursor, SyncState } from './sync-state'

/** What a fresh console copies, in this order (parents first), each by its key; open work queues last. */
const STEPS = [
  { table: 'staff', key: ['login'], where: 'true' },
  { table: 'accounts', key: ['id'], where: 'true' },
  { table: 'meters', key: ['id'], where: 'true' },
  { table: 'readings', key: ['meter_id', 'period'], where: 'period >= $fromPeriod' },
  { table: 'cabinets', key: ['account_id'], where: 'true' },
  { table: 'sync_conflicts', key: ['id'], where: 'resolved_at IS NULL' },
  { table: 'portal_readings', key: ['id'], where: "state IN ('new', 'review')" },
  { table: 'portal_registrations', key: ['id'], where: "state = 'pending'" },
  { table: 'portal_feedback', key: ['id'], where: "state IN ('new', 'taken')" },
  { table: 'portal_requests', key: ['id'], where: "state NOT IN ('rejected', 'completed')" },
  { table: 'claims', key: ['entity_key'], where: 'expires_at > now()' },
] as const

export interface InitialSyncProgress {
  /** Feed position taken before the copy began: the feed is pulled from here afterwards. */
  start: FeedCursor
  fromPeriod: string
  step: number
  /** Key of the last row copied in the current step; null at a step's beginning. */
  after: unknown[] | null
  copied: number
  total: number
  done: boolean
}

/**
 * The first sync of a console (issue: sync, "Initial sync"): every account and meter, the last 13
 * periods of readings, open conflicts; streamed in keyset pages, each page written in one local
 * transaction together with the progress, so an interrupted copy resumes where it stopped. Rows that
 * change during the copy come again through the feed, which starts before the copy did.
 */
export async function initialSync(
  pool: pg.Pool,
  mirror: LocalMirror,
  state: SyncState,
  currentPeriod: string,
  onProgress: (progress: InitialSyncProgress) => void = () => undefined,
  pageSize = 5_000,
): Promise<InitialSyncProgress> {
  let progress = state.get<InitialSyncProgress>('initialSync')
  if (progress?.done) return progress
  if (!progress) {
    const fromPeriod = shiftPeriod(currentPeriod, -12)
    const start = await feedSafePoint(pool)
    let total = 0
    for (const step of STEPS) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${step.table} WHERE ${step.where.replace('$fromPeriod', '$1')}`,
        step.where.includes('$fromPeriod') ? [fromPeriod] : [],
      )
      total += rows[0]!.n
    }
    progress = { start, fromPeriod, step: 0, after: null, copied: 0, total, done: false }
    state.set('initialSync', progress)
  }
  onProgress(progress)

  while (progress.step < STEPS.length) {
    const step = STEPS[progress.step]!
    const params: unknown[] = [pageSize]
    const conditions = [step.where.replace('$fromPeriod', '$2')]
    if (step.where.includes('$fromPeriod')) params.push(progress.fromPeriod)
    if (progress.after) {
      const placeholders = progress.after.map((value) => {
        params.push(value)
        return `$${params.length}`
      })
      conditions.push(`(${step.key.join(', ')}) > (${placeholders.join(', ')})`)
    }
    const { rows } = await pool.query<Record<string, unknown>>(
      `SELECT * FROM ${step.table} WHERE ${conditions.join(' AND ')} ORDER BY ${step.key.join(', ')} LIMIT $1`,
      params,
    )
    const last = rows[rows.length - 1]
    const next: InitialSyncProgress =
      rows.length < pageSize
        ? { ...progress, step: progress.step + 1, after: null, copied: progress.copied + rows.length }
        : { ...progress, after: step.key.map((k) => last![k]), copied: progress.copied + rows.length }
    if (next.step === STEPS.length) next.done = true
    mirror.applyWith(
      rows.map((row) => ({ table: step.table, op: 'I' as const, row })),
      () => {
        state.set('initialSync', next)
        if (next.done) state.set('cursor', next.start)
      },
    )
    progress = next
    onProgress(progress)
  }
  return progress
}
