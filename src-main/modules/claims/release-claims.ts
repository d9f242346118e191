import type BetterSqlite3 from 'better-sqlite3'
import type { StaffRef } from '@shared/contract'
import type { CommandPipeline } from '../../commands/pipeline'
import { releaseClaim } from './claims'

/**
 * Lets go of everything a person holds (docs/business-rules.md#who-uses-the-console): an idle-locked console
 * must not keep registrations, requests or questions from colleagues for the rest of the claim's 15 minutes.
 * Each release goes to the central database like one made by hand.
 */
export function releaseClaimsOf(
  db: BetterSqlite3.Database,
  pipeline: CommandPipeline,
  staff: StaffRef,
  now: Date,
): number {
  const held = db
    .prepare(`SELECT entity_key FROM claims WHERE staff_login = ? AND expires_at > ?`)
    .pluck()
    .all(staff.login, now.toISOString()) as string[]
  for (const entityKey of held) pipeline.run(releaseClaim, { entityKey }, { staff })
  return held.length
}
