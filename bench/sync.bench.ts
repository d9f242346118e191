import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createApp, type ConsoleApp } from '../src-main/app'
import { migrateCentral } from '../src-main/db/central/migrate'
import { openLocalDatabase } from '../src-main/db/local/data-source'
import { updateAccountContacts } from '../src-main/modules/accounts/account-commands'
import { createCentralPool } from '../src-main/sync/central-connection'
import { LocalMirror } from '../src-main/sync/local-mirror'
import { pushPending } from '../src-main/sync/push'
import { assignPeriod } from '../shared/domain/billing-period'
import { createScratchDatabase, startPostgresServer } from '../test/support/postgres-server'
import { seedCentral } from './central-seed'
import { round, summarize } from './stats'

const TABLES = [
  {
    table: 'staff',
    insert: `INSERT INTO staff (login, full_name, role, password_hash, active, created_at, updated_at)
      VALUES (@login, @full_name, @role, @password_hash, @active, @updated_at, @updated_at)`,
    map: (r: Record<string, unknown>) => ({
      ...r,
      active: r.active ? 1 : 0,
      updated_at: String(r.updated_at),
    }),
  },
  {
    table: 'accounts',
    insert: `INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district, street, house,
      building, apartment, phone, email, house_type, status, opened_on, closed_on, version, updated_at) VALUES (@id,
      @number, @eirc_number, @surname, @first_name, @patronymic, @district, @street, @house, @building, @apartment,
      @phone, @email, @house_type, @status, @opened_on, @closed_on, @version, @updated_at)`,
    map: (r: Record<string, unknown>) => ({ ...r, updated_at: String(r.updated_at) }),
  },
  {
    table: 'meters',
    insert: `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status,
      removed_on, version) VALUES (@id, @account_id, @serial, @place, @installed_on, @verification_due, @digits,
      @status, @removed_on, @version)`,
    map: (r: Record<string, unknown>) => r,
  },
  {
    table: 'readings',
    insert: `INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, version)
      VALUES (@meter_id, @period, @value_milli, @received_at, @source, @late, @version)`,
    map: (r: Record<string, unknown>) => ({ ...r, late: r.late ? 1 : 0, received_at: String(r.received_at) }),
  },
]

/**
 * The raw baseline the issue names: the same rows read with a plain PostgreSQL cursor and written with
 * plain better-sqlite3 prepared statements in one transaction, into the same local schema.
 */
async function rawBaseline(url: string): Promise<{ seconds: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-raw-'))
  const local = await openLocalDatabase({ dataDir: dir })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = performance.now()
  let rows = 0
  local.sql.pragma('foreign_keys = OFF')
  local.sql.exec('BEGIN')
  await client.query('BEGIN')
  for (const { table, insert, map } of TABLES) {
    const statement = local.sql.prepare(insert)
    await client.query(`DECLARE rows_cursor NO SCROLL CURSOR FOR SELECT * FROM ${table}`)
    for (;;) {
      const page = await client.query<Record<string, unknown>>(`FETCH 5000 FROM rows_cursor`)
      for (const row of page.rows) statement.run(map(row))
      rows += page.rows.length
      if (page.rows.length < 5000) break
    }
    await client.query(`CLOSE rows_cursor`)
  }
  await client.query('COMMIT')
  local.sql.exec('COMMIT')
  const seconds = (performance.now() - started) / 1000
  await client.end()
  await local.close()
  rmSync(dir, { recursive: true, force: true })
  return { seconds, rows }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

/**
 * Sync on `accounts` accounts with 2 meters and 13 periods of readings each (issue: sync, "Performance"):
 * initial sync beside the raw baseline, commit-to-console latency, pull and push throughput.
 */
export async function syncBench(accounts: number): Promise<object[]> {
  const server = await startPostgresServer()
  const scratch = await createScratchDatabase(server.url, 'bench')
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-sync-'))
  const results: object[] = []
  const admin = new pg.Pool({ connectionString: scratch.url, max: 4 })
  let app: ConsoleApp | null = null
  try {
    await migrateCentral(scratch.url)
    // 13 periods up to the current one: the window a fresh console copies.
    const lastPeriod = assignPeriod(new Date()).period
    const client = await admin.connect()
    const seedStarted = performance.now()
    const centralRows = await seedCentral(client, accounts, lastPeriod)
    client.release()
    console.log(
      `… central database seeded: ${centralRows} rows in ${round((performance.now() - seedStarted) / 1000)} s`,
    )

    const baseline = await rawBaseline(scratch.url)
    console.log(`… raw baseline: ${baseline.rows} rows in ${round(baseline.seconds)} s`)
    const central = { url: scratch.url, periodicMs: 600_000 }
    const initialStarted = performance.now()
    app = await createApp({ dataDir, central, passwordHashLogN: 10 })
    await app.sync!.syncNow()
    const initialSeconds = (performance.now() - initialStarted) / 1000
    const copied = app.local.sql.prepare(`SELECT count(*) FROM readings`).pluck().get() as number
    results.push({
      name: `initial sync of ${accounts} accounts, ${accounts * 2} meters, 13 periods of readings`,
      rows: baseline.rows,
      readingsCopied: copied,
      seconds: round(initialSeconds),
      rowsPerSecond: Math.round(baseline.rows / initialSeconds),
      rawBaselineSeconds: round(baseline.seconds),
      rawBaselineRowsPerSecond: Math.round(baseline.rows / baseline.seconds),
      ratioToBaseline: round(initialSeconds / baseline.seconds),
      target: 'within 1.5× of the raw baseline',
    })

    console.log(`… initial sync: ${round(initialSeconds)} s`)
    // Commit in the central database → row in this console's SQLite, one change at a time.
    const readPhone = app.local.sql.prepare(`SELECT phone FROM accounts WHERE id = ?`).pluck()
    const latencies: number[] = []
    for (let i = 0; i < 1000; i++) {
      const id = 1 + ((i * 7919) % accounts)
      const phone = `+7 978 ${String(i).padStart(7, '0')}`
      await admin.query(`UPDATE accounts SET phone = $2 WHERE id = $1`, [id, phone])
      const committed = performance.now()
      await until(() => readPhone.get(id) === phone)
      latencies.push(performance.now() - committed)
    }
    results.push({
      name: 'latency from a central commit to the change in a console’s SQLite (LISTEN/NOTIFY), 1,000 changes',
      ...summarize(latencies),
      target: 'p95 < 250 ms',
    })

    console.log(`… latency measured`)
    // Pull: the console away while 50,000 changes are committed, then one sync brings them all.
    await app.close()
    app = null
    const changes = Math.min(50_000, accounts)
    for (let from = 1; from <= changes; from += 5_000)
      await admin.query(
        `UPDATE accounts SET email = 'pulled' || id || '@example.ru' WHERE id BETWEEN $1 AND $2`,
        [from, Math.min(changes, from + 4_999)],
      )
    app = await createApp({ dataDir, central, passwordHashLogN: 10 })
    const pullStarted = performance.now()
    await app.sync!.syncNow()
    const pullSeconds = (performance.now() - pullStarted) / 1000
    results.push({
      name: `pull of ${changes} central changes into a console`,
      seconds: round(pullSeconds),
      changesPerSecond: Math.round(changes / pullSeconds),
      target: '≥ 5,000 changes per second',
    })
    await app.close()
    app = null

    // Push: 10,000 contact edits queued offline, then sent by push alone.
    const offline = await createApp({ dataDir, passwordHashLogN: 10 })
    const staff = { id: 1, login: 'bench', fullName: 'Бенчмарк', role: 'clerk' as const }
    const current = offline.local.sql.prepare(
      `SELECT version AS expectedVersion, email, street, house, building, apartment FROM accounts WHERE id = ?`,
    )
    const commands = Math.min(10_000, accounts)
    for (let id = 1; id <= commands; id++)
      offline.pipeline.run(
        updateAccountContacts,
        {
          ...(current.get(id) as object),
          accountId: id,
          phone: `+7 978 9${String(id).padStart(6, '0')}`,
        } as never,
        { staff },
      )
    const db = offline.local.sql
    const consoleId = db
      .prepare(`SELECT value FROM sync_state WHERE key = 'consoleId'`)
      .pluck()
      .get() as string
    const pool = createCentralPool(scratch.url, JSON.parse(consoleId) as string)
    const mirror = new LocalMirror(db)
    const pushStarted = performance.now()
    let applied = 0
    for (;;) {
      const report = await pushPending(db, pool, mirror, JSON.parse(consoleId) as string)
      applied += report.applied + report.conflicts + report.refused
      if (report.applied + report.refused + report.conflicts === 0) break
    }
    const pushSeconds = (performance.now() - pushStarted) / 1000
    await pool.end()
    await offline.close()
    results.push({
      name: `push of ${commands} queued commands (contact edits, batches of 500)`,
      answered: applied,
      seconds: round(pushSeconds),
      commandsPerSecond: Math.round(commands / pushSeconds),
      target: '≥ 2,000 commands per second',
    })
  } finally {
    await app?.close()
    await admin.end()
    await scratch.drop()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return results
}
