import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../src-central/audit/verify-audit'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()
const run = promisify(execFile)

/** As a database superuser who switches the append-only triggers off would. */
async function tamper(sql: string) {
  const client = await central.pool.connect()
  try {
    await client.query(`SET session_replication_role = replica`)
    await client.query(sql)
  } finally {
    await client.query(`RESET session_replication_role`)
    client.release()
  }
}

describe('the central audit trail', () => {
  let console_: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    console_ = await buildTestApp({ central: { service: central } })
    const clerk = await console_.tokenFor('clerk')
    await console_.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: '2026-11-02',
        source: 'paper',
        values: [{ meterId: 11, value: '12,5', confirmed: [] }],
      },
      clerk,
    )
    await console_.app.sync!.syncNow()
  })
  afterAll(async () => {
    await console_.dispose()
  })

  it('records every applied command with its author, console and the console’s before and after', async () => {
    const { rows } = await central.pool.query(
      `SELECT staff_login, console_id, detail FROM central_audit WHERE action = 'command' AND detail->>'command' = 'readings.record'`,
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      staff_login: 'clerk1',
      console_id: expect.any(String),
      detail: {
        outcome: 'applied',
        changes: [expect.objectContaining({ entity: 'reading', entityId: '11:2026-11', before: null })],
      },
    })
    const kinds = await central.pool.query(`SELECT DISTINCT action FROM central_audit ORDER BY action`)
    expect(kinds.rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['command', 'console.enrolled', 'signIn.succeeded']),
    )
  })

  it('cannot be edited or shortened through the database role', async () => {
    await expect(central.pool.query(`UPDATE central_audit SET staff_login = 'someone'`)).rejects.toThrow(
      /append-only/,
    )
    await expect(central.pool.query(`DELETE FROM central_audit`)).rejects.toThrow(/append-only/)
    await expect(central.pool.query(`TRUNCATE central_audit`)).rejects.toThrow(/append-only/)
    expect((await verifyAudit(central.pool)).broken).toBeNull()
  })

  it('detects an edited row, a removed one and a trail cut short, by the command line too', async () => {
    const witness = join(mkdtempSync(join(tmpdir(), 'vodokanal-witness-')), 'audit-head.txt')
    const cli = [
      '--import',
      'tsx',
      'src-central/audit/verify-audit-cli.ts',
      '--db',
      central.url,
      '--witness',
      witness,
    ]
    const whole = await run(process.execPath, cli)
    expect(whole.stdout).toContain('Журнал аудита цел')
    // More work after the witness saw the trail: a second sign-in.
    await console_.call('auth.signIn', { login: 'chief', password: TEST_PASSWORD })

    const { rows } = await central.pool.query<{ seq: string }>(
      `SELECT seq::text AS seq FROM central_audit WHERE detail->>'command' = 'readings.record'`,
    )
    const seq = rows[0]!.seq
    // Someone puts the clerk's reading down to the supervisor.
    await tamper(`UPDATE central_audit SET staff_login = 'chief' WHERE seq = ${seq}`)
    expect((await verifyAudit(central.pool)).broken).toEqual({ seq, reason: 'hash' })
    const edited = await run(process.execPath, cli).catch((error: { code: number; stderr: string }) => error)
    expect(edited).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`запись № ${seq} — запись изменена`),
    })

    await tamper(`UPDATE central_audit SET staff_login = 'clerk1' WHERE seq = ${seq}`)
    expect((await verifyAudit(central.pool)).broken).toBeNull()
    await tamper(`DELETE FROM central_audit WHERE seq = ${seq}`)
    expect((await verifyAudit(central.pool)).broken).toEqual({ seq, reason: 'gap' })

    // Cut back to before that row: the chain left is whole, but the witness saw more.
    await tamper(`DELETE FROM central_audit WHERE seq >= ${seq}`)
    expect((await verifyAudit(central.pool)).broken).toBeNull()
    const cut = await run(process.execPath, cli).catch((error: { code: number; stderr: string }) => error)
    expect(cut).toMatchObject({ code: 1, stderr: expect.stringContaining('журнал укорочен') })
  })
})
