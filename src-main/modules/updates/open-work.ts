import type BetterSqlite3 from 'better-sqlite3'

/**
 * Whether a restart now would interrupt someone (docs/delivery.md): a paper batch not finished, or a
 * registration, request or question held by someone signed in on this console. Drafts of answers are kept by
 * the window and survive a restart; the window also asks before restarting.
 */
export function openWork(db: BetterSqlite3.Database, signedInLogins: string[], now: Date): boolean {
  const batch = db.prepare(`SELECT EXISTS (SELECT 1 FROM reading_batches WHERE finished_at IS NULL)`).pluck()
  if (batch.get() === 1) return true
  if (!signedInLogins.length) return false
  return (
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM claims WHERE staff_login IN (SELECT value FROM json_each(?))
        AND expires_at > ?)`,
      )
      .pluck()
      .get(JSON.stringify(signedInLogins), now.toISOString()) === 1
  )
}
