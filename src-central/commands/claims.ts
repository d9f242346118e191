import type pg from 'pg'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'

/** How long an opened item stays someone's; reopening it renews the claim. */
export const CLAIM_MINUTES = 15

/**
 * Takes an item for the caller (docs/central-service.md): granted when nobody holds it, when the
 * holder's claim has expired by the central clock, or when the caller holds it already (a renewal).
 * Otherwise refused with the holder and since when.
 */
/** The claim written for the caller; `unlessHeld` leaves another person's running claim alone. */
const CLAIM_UPSERT = `INSERT INTO claims (entity_key, staff_login, full_name, console_id, expires_at)
  SELECT $1::text, login, full_name, $3::uuid, now() + make_interval(mins => $4::int) FROM staff WHERE login = $2
  ON CONFLICT (entity_key) DO UPDATE SET staff_login = excluded.staff_login, full_name = excluded.full_name,
    console_id = excluded.console_id, claimed_at = now(), expires_at = excluded.expires_at`
const writeClaim = (
  client: pg.ClientBase,
  entityKey: string,
  ctx: CentralCommandContext,
  unlessHeld: boolean,
) =>
  client.query(
    unlessHeld
      ? `${CLAIM_UPSERT} WHERE claims.expires_at <= now() OR claims.staff_login = excluded.staff_login`
      : CLAIM_UPSERT,
    [entityKey, ctx.staffLogin, ctx.consoleId, CLAIM_MINUTES],
  )

async function takeClaim(client: pg.ClientBase, payload: { entityKey: string }, ctx: CentralCommandContext) {
  const { rowCount } = await writeClaim(client, payload.entityKey, ctx, true)
  if (rowCount) return APPLIED
  const { rows } = await client.query<{ full_name: string; claimed_at: Date }>(
    `SELECT full_name, claimed_at FROM claims WHERE entity_key = $1`,
    [payload.entityKey],
  )
  return refused('ALREADY_CLAIMED', {
    by: rows[0]?.full_name ?? null,
    at: rows[0]?.claimed_at.toISOString() ?? null,
  })
}

/**
 * ALREADY_CLAIMED with who holds it and since when, when another person has the item open by the
 * central clock; null when the caller may act on it. Every command that speaks for a held item asks.
 */
export async function heldByAnother(client: pg.ClientBase, entityKey: string, ctx: CentralCommandContext) {
  const claim = await client.query<{ full_name: string; claimed_at: Date }>(
    `SELECT full_name, claimed_at FROM claims WHERE entity_key = $1 AND staff_login <> $2 AND expires_at > now()`,
    [entityKey, ctx.staffLogin],
  )
  const holder = claim.rows[0]
  return holder
    ? refused('ALREADY_CLAIMED', { by: holder.full_name, at: holder.claimed_at.toISOString() })
    : null
}

/** Lets go of an item the caller holds; someone else's claim is left alone. */
async function releaseClaim(
  client: pg.ClientBase,
  payload: { entityKey: string },
  ctx: CentralCommandContext,
) {
  // Deleted rather than expired: every console drops it at once, whatever its own clock says.
  await client.query(`DELETE FROM claims WHERE entity_key = $1 AND staff_login = $2`, [
    payload.entityKey,
    ctx.staffLogin,
  ])
  return APPLIED
}

/** A supervisor takes an item another person holds; the holder's next step is refused with the new name. */
async function takeOverClaim(
  client: pg.ClientBase,
  payload: { entityKey: string },
  ctx: CentralCommandContext,
) {
  await client.query(
    `INSERT INTO claims (entity_key, staff_login, full_name, console_id, expires_at)
    SELECT $1::text, login, full_name, $3::uuid, now() + make_interval(mins => $4::int) FROM staff WHERE login = $2
    ON CONFLICT (entity_key) DO UPDATE SET staff_login = excluded.staff_login, full_name = excluded.full_name,
      console_id = excluded.console_id, claimed_at = now(), expires_at = excluded.expires_at`,
    [payload.entityKey, ctx.staffLogin, ctx.consoleId, CLAIM_MINUTES],
  )
  return APPLIED
}

export const claimsCommands: CentralHandlers<'claims.take' | 'claims.release' | 'claims.takeOver'> = {
  'claims.take': takeClaim,
  'claims.takeOver': takeOverClaim,
  'claims.release': releaseClaim,
}
