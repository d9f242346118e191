import { createHash, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto'
import type pg from 'pg'
import { REQUEST_WINDOW_MS, signedText, type ConsoleListAnswer, type ServiceError } from '@shared/central/api'
import { appendAudit, type AuditEntry } from '../audit/audit-trail'

export class ServiceRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ServiceError,
  ) {
    super(error.code)
  }
}

export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

export async function auditNow(pool: pg.Pool, entries: AuditEntry[]): Promise<void> {
  await inTransaction(pool, (client) => appendAudit(client, entries))
}

/** Accepts only an Ed25519 public key in SPKI PEM: anything else is refused before it is stored. */
function normalisedPublicKey(pem: string): string {
  try {
    const key = createPublicKey(pem)
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519')
    return key.export({ type: 'spki', format: 'pem' }).toString()
  } catch {
    throw new ServiceRefusal(400, { code: 'INVALID_REQUEST', params: { fields: 'publicKey' } })
  }
}

/**
 * Registers a console once a supervisor, signed in with central credentials on it, approves it
 * (docs/central-service.md). The console's private key never leaves it.
 */
export async function enrolConsole(
  pool: pg.Pool,
  request: { consoleName: string; publicKey: string; supervisorLogin: string },
): Promise<string> {
  const publicKey = normalisedPublicKey(request.publicKey)
  const id = randomUUID()
  await inTransaction(pool, async (client) => {
    await client.query(`INSERT INTO consoles (id, name, public_key, enrolled_by) VALUES ($1, $2, $3, $4)`, [
      id,
      request.consoleName,
      publicKey,
      request.supervisorLogin,
    ])
    await appendAudit(client, [
      {
        action: 'console.enrolled',
        staffLogin: request.supervisorLogin,
        consoleId: id,
        detail: { name: request.consoleName },
      },
    ])
  })
  return id
}

/**
 * Checks that a request comes from an enrolled, unrevoked console, now, once
 * (docs/central-service.md#requests-that-cannot-be-replayed): the signature over the method, the path,
 * the body's hash, the time and the nonce must verify with the console's registered key; the time
 * must stand within `REQUEST_WINDOW_MS` of the service's clock; the nonce must not have been seen from
 * that console. Nonces are kept in the database, so a copy sent to another service instance is refused
 * too. Answers the console's id.
 */
export async function verifyConsoleRequest(
  pool: pg.Pool,
  request: {
    consoleId: string | undefined
    signature: string | undefined
    at: string | undefined
    nonce: string | undefined
    method: string
    path: string
    body: string
  },
): Promise<string> {
  const { consoleId, signature, at, nonce } = request
  if (!consoleId || !signature || !/^[0-9a-f-]{36}$/i.test(consoleId))
    throw new ServiceRefusal(401, { code: 'CONSOLE_NOT_ENROLLED' })
  if (!at || !nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce))
    throw new ServiceRefusal(401, { code: 'BAD_SIGNATURE' })
  const digest = createHash('sha256').update(request.body).digest('hex')
  await verifySignature(
    pool,
    consoleId,
    signedText(request.method, request.path, digest, { at, nonce }),
    signature,
  )
  const sent = Date.parse(at)
  if (Number.isNaN(sent) || Math.abs(Date.now() - sent) > REQUEST_WINDOW_MS)
    throw new ServiceRefusal(401, { code: 'REQUEST_TIME' })
  const { rowCount } = await pool.query(
    `INSERT INTO request_nonces (console_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [consoleId, nonce],
  )
  if (!rowCount) throw new ServiceRefusal(401, { code: 'REQUEST_REPLAYED' })
  forgetOldNonces(pool)
  return consoleId
}

let noncesSweptAt = 0

/** Nonces older than twice the window can never be replayed into it: dropped once a minute or so. */
function forgetOldNonces(pool: pg.Pool): void {
  if (Date.now() - noncesSweptAt < 60_000) return
  noncesSweptAt = Date.now()
  pool
    .query(`DELETE FROM request_nonces WHERE seen_at < now() - make_interval(secs => $1::double precision)`, [
      (2 * REQUEST_WINDOW_MS) / 1000,
    ])
    .catch(() => undefined)
}

/** A signature by the console's key over `text`; a revoked or unknown console is refused. */
export async function verifySignature(pool: pg.Pool, consoleId: string, text: string, signature: string) {
  const { rows } = await pool.query<{ public_key: string; revoked_at: Date | null; stale: boolean }>(
    `SELECT public_key, revoked_at, (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute') AS stale
    FROM consoles WHERE id = $1`,
    [consoleId],
  )
  const console_ = rows[0]
  if (!console_) throw new ServiceRefusal(401, { code: 'CONSOLE_NOT_ENROLLED' })
  if (console_.revoked_at) throw new ServiceRefusal(403, { code: 'CONSOLE_REVOKED' })
  let valid = false
  try {
    valid = verify(null, Buffer.from(text), console_.public_key, Buffer.from(signature, 'base64'))
  } catch {
    valid = false
  }
  if (!valid) throw new ServiceRefusal(401, { code: 'BAD_SIGNATURE' })
  // "Last seen" for the consoles list, written at most once a minute per console.
  if (console_.stale)
    await pool
      .query(`UPDATE consoles SET last_seen_at = now() WHERE id = $1`, [consoleId])
      .catch(() => undefined)
}

/** An enrolled console that is not revoked: checked again on every page a live connection reads. */
export async function assertConsoleActive(pool: pg.Pool, consoleId: string): Promise<void> {
  const { rows } = await pool.query<{ revoked_at: Date | null }>(
    `SELECT revoked_at FROM consoles WHERE id = $1`,
    [consoleId],
  )
  if (!rows[0]) throw new ServiceRefusal(401, { code: 'CONSOLE_NOT_ENROLLED' })
  if (rows[0].revoked_at) throw new ServiceRefusal(403, { code: 'CONSOLE_REVOKED' })
}

/** Issues the token an online sign-in answers with: random, kept only as its hash, bound to the console. */
export async function issueStaffToken(pool: pg.Pool, login: string, consoleId: string, lifetimeMs: number) {
  const token = randomBytes(32).toString('base64url')
  const { rows } = await pool.query<{ expires_at: Date }>(
    `INSERT INTO staff_tokens (token_hash, login, console_id, expires_at)
    VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000)) RETURNING expires_at`,
    [sha256(token), login, consoleId, lifetimeMs],
  )
  // Expired tokens are of no use to anyone; they go as new ones come.
  await pool.query(`DELETE FROM staff_tokens WHERE expires_at < now() - interval '1 day'`)
  return { token, expiresAt: rows[0]!.expires_at.toISOString() }
}

/** Ends the session a token stands for, if this console holds it; answers whether there was one. */
export async function revokeStaffToken(pool: pg.Pool, token: string, consoleId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `DELETE FROM staff_tokens WHERE token_hash = $1 AND console_id = $2`,
    [sha256(token), consoleId],
  )
  return (rowCount ?? 0) > 0
}

/**
 * The signed-in staff member behind a token this console holds (from an online sign-in on this very
 * console), still active and in one of `roles`; otherwise the request is refused.
 */
export async function requireStaff(
  pool: pg.Pool,
  token: string,
  consoleId: string,
  roles: readonly string[],
): Promise<string> {
  const { rows } = await pool.query<{ login: string; role: string; active: boolean }>(
    `SELECT s.login, s.role, s.active FROM staff_tokens t JOIN staff s ON s.login = t.login
    WHERE t.token_hash = $1 AND t.console_id = $2 AND t.expires_at > now()`,
    [sha256(token), consoleId],
  )
  if (!rows[0]) throw new ServiceRefusal(401, { code: 'SIGN_IN_AGAIN' })
  if (!rows[0].active) throw new ServiceRefusal(403, { code: 'STAFF_INACTIVE' })
  if (!roles.includes(rows[0].role)) throw new ServiceRefusal(403, { code: 'FORBIDDEN' })
  return rows[0].login
}

export const requireSupervisor = (pool: pg.Pool, token: string, consoleId: string) =>
  requireStaff(pool, token, consoleId, ['supervisor'])

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export async function listConsoles(pool: pg.Pool): Promise<ConsoleListAnswer> {
  const { rows } = await pool.query<{
    id: string
    name: string
    enrolled_at: Date
    enrolled_by: string
    last_seen_at: Date | null
    revoked_at: Date | null
    revoked_by: string | null
  }>(`SELECT id, name, enrolled_at, enrolled_by, last_seen_at, revoked_at, revoked_by FROM consoles
    ORDER BY revoked_at IS NOT NULL, name, enrolled_at`)
  return {
    consoles: rows.map((r) => ({
      id: r.id,
      name: r.name,
      enrolledAt: r.enrolled_at.toISOString(),
      enrolledBy: r.enrolled_by,
      lastSeenAt: r.last_seen_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      revokedBy: r.revoked_by,
    })),
  }
}

/** A stolen laptop: from now on its requests, pushes and live connection are refused. */
export async function revokeConsole(
  pool: pg.Pool,
  consoleId: string,
  supervisorLogin: string,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE consoles SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [consoleId, supervisorLogin],
    )
    if (!rowCount) throw new ServiceRefusal(404, { code: 'INVALID_REQUEST', params: { fields: 'consoleId' } })
    await appendAudit(client, [
      { action: 'console.revoked', staffLogin: supervisorLogin, consoleId, detail: {} },
    ])
  })
}
