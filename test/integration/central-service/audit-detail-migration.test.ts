import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, auditRowHash, GENESIS_HASH } from '../../../src-central/audit/audit-trail'
import { verifyAudit } from '../../../src-central/audit/verify-audit'
import { migrateCentral } from '../../../src-central/db/migrate'
import { AuditDetailAsSent1764100000020 } from '../../../src-central/db/migrations/1764100000020-audit-detail-as-sent'
import {
  createScratchDatabase,
  startPostgresServer,
  type PostgresServer,
  type ScratchDatabase,
} from '../../support/postgres-server'
import { migrateCentralUpTo } from '../../support/central-database'

/** Key order and spacing that `jsonb` would have rewritten. */
const DETAIL = { zeta: 1, alpha: { b: 'да', a: [1, 2] }, command: 'accounts.updateContacts' }

/**
 * A central database that kept its audit trail as `jsonb` (before migration 20), upgraded: the rows
 * written before still verify, and rows written after keep their text exactly as hashed.
 */
describe('the audit detail stored as sent (central migration 20)', () => {
  let server: PostgresServer
  let scratch: ScratchDatabase
  let pool: pg.Pool

  beforeAll(async () => {
    server = await startPostgresServer()
    scratch = await createScratchDatabase(server.url, 'audit_upgrade')
    await migrateCentralUpTo(scratch.url, AuditDetailAsSent1764100000020)
    pool = new pg.Pool({ connectionString: scratch.url, max: 2 })
    pool.on('error', () => undefined)
  })
  afterAll(async () => {
    await pool?.end()
    await scratch?.drop()
    await server?.stop()
  })

  it('keeps old rows verifiable and stores new details as the very text hashed', async () => {
    // Two rows as the service wrote them before: hashed from PostgreSQL's normalised jsonb text.
    let prev = GENESIS_HASH
    for (const seq of ['1', '2']) {
      const { rows } = await pool.query<{ text: string; at: string }>(
        `SELECT $1::jsonb::text AS text, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
        [JSON.stringify(DETAIL)],
      )
      const row = {
        seq,
        at: rows[0]!.at,
        action: 'command',
        staff_login: 'chief',
        console_id: null,
        command_id: null,
        detail_text: rows[0]!.text,
        prev_hash: prev,
      }
      const hash = auditRowHash(row)
      await pool.query(
        `INSERT INTO central_audit (seq, at, action, staff_login, detail, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [seq, row.at, row.action, row.staff_login, row.detail_text, prev, hash],
      )
      prev = hash
    }
    expect(JSON.stringify(DETAIL)).not.toBe(
      (await pool.query(`SELECT detail::text AS t FROM central_audit WHERE seq = 1`)).rows[0].t,
    )

    expect(await migrateCentral(scratch.url)).toContain('AuditDetailAsSent1764100000020')
    expect((await verifyAudit(pool)).broken).toBeNull()

    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await appendAudit(client, [{ action: 'command', staffLogin: 'chief', consoleId: null, detail: DETAIL }])
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    const { rows } = await pool.query<{ t: string }>(
      `SELECT detail::text AS t FROM central_audit WHERE seq = 3`,
    )
    expect(rows[0]!.t).toBe(JSON.stringify(DETAIL))
    const verdict = await verifyAudit(pool)
    expect(verdict.broken).toBeNull()
    expect(verdict.rows).toBe(3)

    // Still tamper-evident: the same detail with its keys reordered is another text, another hash.
    const superuser = await pool.connect()
    try {
      await superuser.query(`SET session_replication_role = replica`)
      await superuser.query(`UPDATE central_audit SET detail = $1::json WHERE seq = 3`, [
        JSON.stringify({ command: DETAIL.command, alpha: DETAIL.alpha, zeta: DETAIL.zeta }),
      ])
    } finally {
      await superuser.query(`RESET session_replication_role`)
      superuser.release()
    }
    expect((await verifyAudit(pool)).broken).toEqual({ seq: '3', reason: 'hash' })
  })
})
