import type BetterSqlite3 from 'better-sqlite3'
import type { ClaimHolder, StaffRef } from '@shared/contract'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'

/** Must match the central rule (sync/central-commands/claims.ts); the central clock has the last word. */
const CLAIM_MS = 15 * 60_000

interface ClaimRow {
  staff_login: string
  full_name: string
  claimed_at: string
  expires_at: string
}

/** Prepared once per database: the queue asks this for every registration it lists. */
const claimQueries = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>()

function readClaim(db: BetterSqlite3.Database, entityKey: string): ClaimRow | undefined {
  let query = claimQueries.get(db)
  if (!query) {
    query = db.prepare(
      `SELECT staff_login, full_name, claimed_at, expires_at FROM claims WHERE entity_key = ?`,
    )
    claimQueries.set(db, query)
  }
  return query.get(entityKey) as ClaimRow | undefined
}

/**
 * The caller's claim as this console writes it, for `CLAIM_MS` from `at`: version 0 until the central
 * row arrives; a renewal keeps the version the row has. Returns when it runs out.
 */
function writeClaim(db: BetterSqlite3.Database, entityKey: string, staff: StaffRef, at: string): string {
  const expiresAt = new Date(Date.parse(at) + CLAIM_MS).toISOString()
  db.prepare(
    `INSERT INTO claims (entity_key, staff_login, full_name, claimed_at, expires_at, version)
    VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (entity_key) DO UPDATE SET staff_login = excluded.staff_login,
    full_name = excluded.full_name, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at`,
  ).run(entityKey, staff.login, staff.fullName, at, expiresAt)
  return expiresAt
}

/** Who else is working on an item right now, as far as this console knows; null when nobody. */
export function claimHolder(
  db: BetterSqlite3.Database,
  entityKey: string,
  me: string,
  now: Date,
): ClaimHolder | null {
  const claim = readClaim(db, entityKey)
  if (!claim || claim.staff_login === me || claim.expires_at <= now.toISOString()) return null
  return { fullName: claim.full_name, login: claim.staff_login, since: claim.claimed_at }
}

/**
 * Takes an item for the caller (docs/central-service.md): refused here when another person's claim is
 * known and still running; otherwise written locally at once and confirmed (or refused, then taken
 * back) by the central database.
 */
export const takeClaim = defineSyncedCommand('claims.take')<{ entityKey: string }, { expiresAt: string }>({
  outboxPayload: (input, _result) => input,
  apply(db, input, ctx) {
    const staff = ctx.staff!
    const holder = claimHolder(db, input.entityKey, staff.login, new Date(ctx.at))
    if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
    const expiresAt = writeClaim(db, input.entityKey, staff, ctx.at)
    return {
      result: { expiresAt },
      changes: [{ entity: 'claim', entityId: input.entityKey, before: null, after: { staff: staff.login } }],
    }
  },
})

export const releaseClaim = defineSyncedCommand('claims.release')<
  { entityKey: string },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const { changes } = db
      .prepare(`DELETE FROM claims WHERE entity_key = ? AND staff_login = ?`)
      .run(input.entityKey, ctx.staff!.login)
    // Nothing held, nothing to release: no audit row, nothing sent (a no-op writes nothing).
    if (!changes) return { result: {}, changes: [] }
    return {
      result: {},
      changes: [
        { entity: 'claim', entityId: input.entityKey, before: { staff: ctx.staff!.login }, after: null },
      ],
    }
  },
})

/** A supervisor takes an item another person holds (the central service allows it to supervisors only). */
export const takeOverClaim = defineSyncedCommand('claims.takeOver')<
  { entityKey: string },
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const staff = ctx.staff!
    const before = readClaim(db, input.entityKey)
    writeClaim(db, input.entityKey, staff, ctx.at)
    return {
      result: {},
      changes: [
        {
          entity: 'claim',
          entityId: input.entityKey,
          before: before ? { staff: before.staff_login } : null,
          after: { staff: staff.login },
        },
      ],
    }
  },
})
