import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../src-central/audit/verify-audit'
import { startCentralService, type CentralService } from '../../../src-central/server'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, type TestApp } from '../../support/test-app'
import { testAuthorities } from '../../support/tls'

const central = useCentralService()

describe('the central service runs as a role that cannot rewrite the audit trail', () => {
  const login = `svc_${randomBytes(4).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  let serviceUrl: string
  let asService: pg.Client
  let service: CentralService
  let console_: TestApp

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    // What the utility's administrator does once: a login user that is a member of the service role.
    await central.pool.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE vodokanal_central`)
    const url = new URL(central.url)
    url.username = login
    url.password = password
    serviceUrl = url.toString()
    asService = new pg.Client({ connectionString: serviceUrl })
    await asService.connect()
    const { right } = testAuthorities()
    service = await startCentralService({
      databaseUrl: serviceUrl,
      tls: { cert: right.cert, key: right.key },
      passwordHashLogN: 10,
    })
    console_ = await buildTestApp({ central: { service: central, serviceUrl: service.url } })
  })
  afterAll(async () => {
    await console_?.dispose()
    await service?.close()
    await asService?.end()
    await central.pool.query(`DROP OWNED BY ${login}`)
    await central.pool.query(`DROP ROLE ${login}`)
  })

  it('serves a console fully with those rights', async () => {
    const clerk = await console_.tokenFor('clerk')
    await console_.call(
      'readings.record',
      {
        accountNumber: '40000001',
        receivedOn: '2026-11-02',
        source: 'paper',
        values: [{ meterId: 11, value: '4', confirmed: [] }],
      },
      clerk,
    )
    expect(await console_.app.sync!.syncNow()).toMatchObject({
      mode: 'online',
      pendingCommands: 0,
      refusedCommands: 0,
    })
    const { rows } = await central.pool.query(`SELECT value_milli FROM readings WHERE meter_id = 11`)
    expect(rows).toEqual([{ value_milli: 4000 }])
    expect(await verifyAudit(central.pool)).toMatchObject({ broken: null })
  })

  it('is refused any UPDATE, DELETE or TRUNCATE of the audit trail, and cannot switch its triggers off', async () => {
    for (const sql of [
      // The feed and the staff history are written by triggers only, never by the service's own SQL.
      `INSERT INTO change_log (table_name, op, row_data) VALUES ('staff', 'I', '{}')`,
      `DELETE FROM change_log`,
      `INSERT INTO staff_history (login, role, active) VALUES ('chief', 'supervisor', true)`,
      `UPDATE central_audit SET staff_login = 'someone'`,
      `DELETE FROM central_audit`,
      `TRUNCATE central_audit`,
      `ALTER TABLE central_audit DISABLE TRIGGER USER`,
      `SET session_replication_role = replica`,
    ])
      await expect(asService.query(sql), sql).rejects.toMatchObject({ code: '42501' })
  })
})
