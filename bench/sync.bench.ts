import { createPrivateKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import type { PushedCommand } from '../shared/central/api'
import { FEED_START, type FeedCursor } from '../shared/central/rows'
import { assignPeriod } from '../shared/domain/billing-period'
import { applyPushedBatch } from '../src-central/commands/apply-batch'
// The central side's type parsers (dates stay 'YYYY-MM-DD', bigints numbers), as in the service.
import '../src-central/db/connection'
import { migrateCentral } from '../src-central/db/migrate'
import { readFeed } from '../src-central/feed/change-feed'
import { FEED_NAMES, pageRows } from '@shared/central/api'
import { readInitialPage, startInitialCopy } from '../src-central/feed/initial-copy'
import { createApp, type ConsoleApp } from '../src-main/app'
import { fileSecretBox } from '../src-main/browser-shell/file-secret-box'
import { openLocalDatabase, type LocalDatabase } from '../src-main/db/local/data-source'
import { CommandPipeline } from '../src-main/commands/pipeline'
import { AppEventBus } from '../src-main/events'
import { updateAccountContacts } from '../src-main/modules/accounts/account-commands'
import { PersonKeyStore } from '../src-main/modules/auth/person-keys'
import { PasswordHasher } from '../src-main/modules/staff/password-hash'
import { CentralClient } from '../src-main/sync/central-client'
import { LiveConnection } from '../src-main/sync/live-connection'
import { LocalMirror } from '../src-main/sync/local-mirror'
import { pushPending } from '../src-main/sync/push'
import { createScratchDatabase, freePort, startPostgresServer } from '../test/support/postgres-server'
import { testAuthorities } from '../test/support/tls'
import { seedCentral } from './central-seed'
import { round, summarize } from './stats'

const CHIEF = { login: 'chief', fullName: 'Старшая смены', password: 'бенчмарк-пароль-2026' }

/** The tables a fresh console copies, with the local insert the raw baseline uses for each. */
const TABLES = [
  {
    table: 'staff',
    columns: ['login', 'full_name', 'role', 'active', 'updated_at'],
    insert: `INSERT INTO staff (login, full_name, role, password_hash, active, created_at, updated_at)
      VALUES (?, ?, ?, '', ?, ?, ?)`,
    values: (r: (string | null)[]) => [r[0], r[1], r[2], r[3] === 't' ? 1 : 0, r[4], r[4]],
  },
  {
    table: 'accounts',
    columns:
      `id, number, eirc_number, surname, first_name, patronymic, district, street, house, building, apartment,
      phone, email, house_type, status, opened_on, closed_on, version, updated_at`.split(/,\s*/),
    insert: `INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district, street, house,
      building, apartment, phone, email, house_type, status, opened_on, closed_on, version, updated_at)
      VALUES (${Array(19).fill('?').join(', ')})`,
    values: (r: (string | null)[]) => r.map((v, i) => (i === 0 || i === 17 ? Number(v) : v)),
  },
  {
    table: 'meters',
    columns:
      `id, account_id, serial, place, installed_on, verification_due, digits, status, removed_on, version`.split(
        /,\s*/,
      ),
    insert: `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status,
      removed_on, version) VALUES (${Array(10).fill('?').join(', ')})`,
    values: (r: (string | null)[]) => r.map((v, i) => ([0, 1, 6, 9].includes(i) ? Number(v) : v)),
  },
  {
    table: 'readings',
    columns: ['meter_id', 'period', 'value_milli', 'received_at', 'source', 'late', 'version'],
    insert: `INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, version)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    values: (r: (string | null)[]) => [
      Number(r[0]),
      r[1],
      Number(r[2]),
      r[3],
      r[4],
      r[5] === 't' ? 1 : 0,
      Number(r[6]),
    ],
  },
]

/** One field of PostgreSQL's COPY text format: `\N` is null, backslash escapes the rest. */
function copyField(field: string): string | null {
  if (field === '\\N') return null
  return field.includes('\\')
    ? field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c)
    : field
}

/**
 * The raw baseline the issue names: `COPY … TO STDOUT` of every row a fresh console copies, parsed and
 * written with plain better-sqlite3 prepared statements in one transaction, into the same local schema.
 */
async function rawCopyBaseline(url: string): Promise<{ seconds: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-raw-'))
  const local = await openLocalDatabase({ dataDir: dir, key: randomBytes(32) })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = performance.now()
  let rows = 0
  local.sql.pragma('foreign_keys = OFF')
  local.sql.exec('BEGIN')
  for (const { table, columns, insert, values } of TABLES) {
    const statement = local.sql.prepare(insert)
    const stream = client.query(copyTo(`COPY (SELECT ${columns.join(', ')} FROM ${table}) TO STDOUT`))
    let rest = ''
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lines = (rest + chunk.toString('utf8')).split('\n')
      rest = lines.pop()!
      for (const line of lines) {
        statement.run(values(line.split('\t').map(copyField)))
        rows += 1
      }
    }
  }
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

/** The pre-service path, for comparison: the same page readers and mirror, called in-process. */
async function directInitialCopy(pool: pg.Pool, period: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-direct-'))
  const local = await openLocalDatabase({ dataDir: dir, key: randomBytes(32) })
  const mirror = new LocalMirror(local.sql)
  const start = await startInitialCopy(pool, period)
  const started = performance.now()
  for (let step = 0; step < start.steps; step++) {
    let after: (string | number)[] | null = null
    for (;;) {
      const page = await readInitialPage(pool, {
        step,
        fromPeriod: start.fromPeriod,
        after,
        limit: 10_000,
        names: FEED_NAMES,
      })
      const rows = pageRows(page)
      mirror.apply(rows.map((row) => ({ table: page.table, op: 'I' as const, row })))
      if (rows.length < 10_000) break
      const last = rows[rows.length - 1]!
      after = page.key.map((k) => last[k] as string | number)
    }
  }
  const seconds = (performance.now() - started) / 1000
  await local.close()
  rmSync(dir, { recursive: true, force: true })
  return seconds
}

async function enrolledConsole(service: ServiceProcess, caPem: string, dataDir: string): Promise<ConsoleApp> {
  const app = await createApp({
    dataDir,
    passwordHashLogN: 10,
    secrets: fileSecretBox(dataDir),
    syncTiming: { periodicMs: 600_000 },
  })
  const enrolled = await app.router.invoke({
    channel: 'sync.enrolNew',
    payload: {
      service: {
        url: service.url,
        caPem,
        consoleName: 'Бенчмарк',
        login: CHIEF.login,
        password: CHIEF.password,
      },
    },
  })
  if (!enrolled.ok) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.error)}`)
  // The supervisor signs in online once: the key that signs their queued work is made and registered.
  const signedIn = await app.router.invoke({
    channel: 'auth.signIn',
    payload: { login: CHIEF.login, password: CHIEF.password },
  })
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.error)}`)
  return app
}

/**
 * Contact edits queued on a console while it is away, to be pushed afterwards, each signed by the
 * supervisor's key as their session would sign it (docs/central-service.md#proof-of-person).
 */
function queueContactEdits(app: ConsoleApp, pipeline: CommandPipeline, fromId: number, count: number): void {
  // The central supervisor as this console knows them: the service checks every author centrally.
  const id = app.local.sql.prepare(`SELECT id FROM staff WHERE login = ?`).pluck().get(CHIEF.login) as number
  const staff = { id, login: CHIEF.login, fullName: CHIEF.fullName, role: 'supervisor' as const }
  const current = app.local.sql.prepare(
    `SELECT version AS expectedVersion, email, street, house, building, apartment FROM accounts WHERE id = ?`,
  )
  for (let id = fromId; id < fromId + count; id++)
    pipeline.run(
      updateAccountContacts,
      {
        ...(current.get(id) as object),
        accountId: id,
        phone: `+7 978 9${String(id).padStart(6, '0')}`,
      } as never,
      { staff },
    )
}

/** Simulated consoles: an enrolled key each, a live connection, and a feed cursor; nothing else. */
async function simulatedConsoles(pool: pg.Pool, service: ServiceProcess, caPem: string, count: number) {
  const consoles: {
    client: CentralClient
    live: LiveConnection
    cursor: FeedCursor
    seen: Map<string, number>
  }[] = []
  const { rows } = await pool.query<{ txid: string }>(
    `SELECT coalesce(max(txid)::text, '0') AS txid FROM change_log`,
  )
  for (let i = 0; i < count; i++) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const consoleId = randomUUID()
    await pool.query(
      `INSERT INTO consoles (id, name, public_key, enrolled_by) VALUES ($1, $2, $3, 'chief')`,
      [consoleId, `Симулятор ${i + 1}`, publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    )
    const client = new CentralClient(
      { url: service.url, caPem },
      { consoleId, privateKey: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })) },
    )
    const simulated = {
      client,
      live: null as unknown as LiveConnection,
      cursor: { txid: rows[0]!.txid, id: '0' },
      seen: new Map<string, number>(),
    }
    let pulling = false
    let again = false
    const pull = async () => {
      if (pulling) return void (again = true)
      pulling = true
      do {
        again = false
        for (;;) {
          const page = await simulated.live.feed(simulated.cursor, 5_000)
          const now = performance.now()
          for (const change of page.changes)
            if (
              change.table === 'accounts' &&
              typeof change.row.email === 'string' &&
              change.row.email.startsWith('fan-')
            )
              if (!simulated.seen.has(change.row.email)) simulated.seen.set(change.row.email, now)
          simulated.cursor = page.next
          if (page.changes.length < 5_000) break
        }
      } while (again)
      pulling = false
    }
    simulated.live = new LiveConnection(
      client,
      () => void pull().catch(() => undefined),
      () => undefined,
    )
    await simulated.live.connect()
    consoles.push(simulated)
  }
  return consoles
}

/**
 * Sync through the central service on `accounts` accounts with 2 meters and 13 periods of readings each
 * (docs/central-service.md): initial sync beside the raw COPY baseline and beside the
 * same readers called directly; commit-to-console latency; pull and push throughput, each beside its
 * direct-to-PostgreSQL figure; 200 simulated consoles on one service.
 */
export async function syncBench(accounts: number): Promise<object[]> {
  const server = await startPostgresServer()
  const scratch = await createScratchDatabase(server.url, 'bench')
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-sync-'))
  const results: object[] = []
  const admin = new pg.Pool({ connectionString: scratch.url, max: 4 })
  let app: ConsoleApp | null = null
  let service: ServiceProcess | null = null
  try {
    await migrateCentral(scratch.url)
    const lastPeriod = assignPeriod(new Date()).period
    const client = await admin.connect()
    const seedStarted = performance.now()
    const centralRows = await seedCentral(client, accounts, lastPeriod)
    await client.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ($1, $2, 'supervisor', $3)`,
      [CHIEF.login, CHIEF.fullName, await new PasswordHasher().hash(CHIEF.password)],
    )
    client.release()
    console.log(
      `… central database seeded: ${centralRows} rows in ${round((performance.now() - seedStarted) / 1000)} s`,
    )

    const firstBaseline = await rawCopyBaseline(scratch.url)
    console.log(`… raw COPY baseline: ${firstBaseline.rows} rows in ${round(firstBaseline.seconds)} s`)
    const directSeconds = await directInitialCopy(admin, lastPeriod)
    console.log(`… direct initial copy: ${round(directSeconds)} s`)

    const { right } = testAuthorities()
    // Its own process, as on the utility's server: the console's work and the service's do not share
    // one event loop (they run on different machines in production).
    const running = await startServiceProcess(scratch.url, right)
    service = running
    const initialStarted = performance.now()
    app = await enrolledConsole(running, right.caPem, dataDir)
    await app.sync!.syncNow()
    const initialSeconds = (performance.now() - initialStarted) / 1000
    const copied = app.local.sql.prepare(`SELECT count(*) FROM readings`).pluck().get() as number
    console.log(`… initial sync: ${round(initialSeconds)} s`)
    // Measured again after, and the faster taken: a loaded moment must not flatter the ratio.
    const secondBaseline = await rawCopyBaseline(scratch.url)
    console.log(`… raw COPY baseline again: ${round(secondBaseline.seconds)} s`)
    const baseline = secondBaseline.seconds < firstBaseline.seconds ? secondBaseline : firstBaseline
    results.push({
      name: `initial sync through the service of ${accounts} accounts, ${accounts * 2} meters, 13 periods of readings`,
      rows: baseline.rows,
      readingsCopied: copied,
      seconds: round(initialSeconds),
      rowsPerSecond: Math.round(baseline.rows / initialSeconds),
      rawCopyBaselineSeconds: round(baseline.seconds),
      directToPostgresSeconds: round(directSeconds),
      ratioToBaseline: round(initialSeconds / baseline.seconds),
      target: 'within 1.5× of the raw COPY baseline (the faster of two baseline runs, before and after)',
    })

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
      name: 'latency from a central commit to the change in a console’s SQLite, through the service (WebSocket), 1,000 changes',
      ...summarize(latencies),
      target: 'p95 < 50 ms',
    })
    console.log(`… latency measured`)

    // Pull: the console away while 50,000 changes are committed, then one sync brings them all.
    await app.close()
    app = null
    const changes = Math.min(50_000, accounts)
    const { rows: head } = await admin.query<{ txid: string; id: string }>(
      `SELECT txid::text, id::text FROM change_log ORDER BY txid DESC, id DESC LIMIT 1`,
    )
    for (let from = 1; from <= changes; from += 5_000)
      await admin.query(
        `UPDATE accounts SET email = 'pulled' || id || '@example.ru' WHERE id BETWEEN $1 AND $2`,
        [from, Math.min(changes, from + 4_999)],
      )
    app = await createApp({
      dataDir,
      passwordHashLogN: 10,
      secrets: fileSecretBox(dataDir),
      syncTiming: { periodicMs: 600_000 },
    })
    const pullStarted = performance.now()
    await app.sync!.syncNow()
    const pullSeconds = (performance.now() - pullStarted) / 1000
    const directPullSeconds = await directPull(admin, head[0] ?? FEED_START, changes)
    results.push({
      name: `pull of ${changes} central email changes into a console, through the service (the email is not in the word index)`,
      seconds: round(pullSeconds),
      changesPerSecond: Math.round(changes / pullSeconds),
      directToPostgresChangesPerSecond: Math.round(changes / directPullSeconds),
      target: '≥ 20,000 changes per second',
    })
    // The feed's everyday traffic: readings (web readings accepted, corrections), no search entries.
    await app.close()
    app = null
    const { rows: readingsHead } = await admin.query<{ txid: string; id: string }>(
      `SELECT txid::text, id::text FROM change_log ORDER BY txid DESC, id DESC LIMIT 1`,
    )
    await admin.query(
      `UPDATE readings SET value_milli = value_milli + 1000 WHERE period = $1 AND meter_id <= $2`,
      [lastPeriod, changes],
    )
    app = await createApp({
      dataDir,
      passwordHashLogN: 10,
      secrets: fileSecretBox(dataDir),
      syncTiming: { periodicMs: 600_000 },
    })
    const readingsStarted = performance.now()
    await app.sync!.syncNow()
    const readingsSeconds = (performance.now() - readingsStarted) / 1000
    const directReadingsSeconds = await directPull(admin, readingsHead[0] ?? FEED_START, changes)
    results.push({
      name: `pull of ${changes} central reading changes into a console, through the service`,
      seconds: round(readingsSeconds),
      changesPerSecond: Math.round(changes / readingsSeconds),
      directToPostgresChangesPerSecond: Math.round(changes / directReadingsSeconds),
      target: '≥ 20,000 changes per second',
    })
    console.log(`… pull measured`)

    // Push: 10,000 contact edits queued while the console is away, then sent by push alone.
    const commands = Math.min(10_000, Math.floor(accounts / 2))
    await app.close()
    app = null
    const offline = await createApp({ dataDir, passwordHashLogN: 10 })
    const db = offline.local.sql
    const stored = JSON.parse(
      db.prepare(`SELECT value FROM settings WHERE key = 'centralService'`).pluck().get() as string,
    ) as {
      consoleId: string
      sealedPrivateKey: string
    }
    // The key the supervisor's online sign-in made, opened with their password as an offline sign-in
    // opens it; every edit is signed as it is queued.
    const signer = await new PersonKeyStore(db, new PasswordHasher(10)).open(CHIEF.login, CHIEF.password)
    if (!signer) throw new Error('the supervisor has no key on the console')
    const signing = new CommandPipeline(db, { now: () => new Date() }, new AppEventBus(), (_staff, fields) =>
      signer.prove({ ...fields, consoleId: stored.consoleId }),
    )
    queueContactEdits(offline, signing, 1, commands)
    const serviceClient = new CentralClient(
      { url: running.url, caPem: right.caPem },
      {
        consoleId: stored.consoleId,
        privateKey: createPrivateKey(fileSecretBox(dataDir).open(stored.sealedPrivateKey)),
      },
    )
    const mirror = new LocalMirror(db)
    const pushStarted = performance.now()
    let applied = 0
    for (;;) {
      const report = await pushPending(db, serviceClient, mirror)
      applied += report.applied
      if (report.applied + report.refused + report.conflicts === 0) break
    }
    // A refused command is answered cheaply: a figure made of refusals would measure nothing.
    if (applied !== commands) throw new Error(`push: ${applied} of ${commands} commands applied`)
    const pushSeconds = (performance.now() - pushStarted) / 1000
    serviceClient.close()
    // The same number of fresh edits applied by the service's batch code called in-process.
    queueContactEdits(offline, signing, commands + 1, commands)
    const directPushSeconds = await directPush(db, admin, stored.consoleId)
    await offline.close()
    results.push({
      name: `push of ${commands} queued commands (contact edits, batches of 1,000) through the service`,
      applied,
      seconds: round(pushSeconds),
      commandsPerSecond: Math.round(commands / pushSeconds),
      directToPostgresCommandsPerSecond: Math.round(commands / directPushSeconds),
      target: '≥ 5,000 commands per second',
    })
    console.log(`… push measured`)

    // 200 consoles connected to one service at once; each central commit reaches every one of them.
    const fleet = await simulatedConsoles(admin, running, right.caPem, 200)
    const fanLatencies: number[] = []
    for (let i = 0; i < 50; i++) {
      const email = `fan-${i}@example.ru`
      await admin.query(`UPDATE accounts SET email = $2 WHERE id = $1`, [1 + i, email])
      const committed = performance.now()
      await until(() => fleet.every((c) => c.seen.has(email)))
      for (const c of fleet) fanLatencies.push(c.seen.get(email)! - committed)
    }
    for (const c of fleet) {
      c.live.close()
      c.client.close()
    }
    results.push({
      name: '200 simulated consoles on one service: commit to each console, 50 commits (10,000 deliveries)',
      ...summarize(fanLatencies),
      target: 'p95 < 250 ms',
    })
  } finally {
    await app?.close()
    await service?.close()
    await admin.end()
    await scratch.drop()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return results
}

/** `npm run central:serve`'s script as a child process on a free loopback port; resolves once it listens. */
async function startServiceProcess(
  databaseUrl: string,
  tls: { cert: string; key: string },
): Promise<ServiceProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-tls-'))
  writeFileSync(join(dir, 'service.pem'), tls.cert)
  writeFileSync(join(dir, 'service.key'), tls.key, { mode: 0o600 })
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-central/serve-cli.ts',
      '--db',
      databaseUrl,
      '--listen',
      `127.0.0.1:${port}`,
      '--tls-cert',
      join(dir, 'service.pem'),
      '--tls-key',
      join(dir, 'service.key'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('слушает') && resolve())
    child.once('exit', (code) => reject(new Error(`central service exited with ${code}`)))
  })
  return {
    url: `https://127.0.0.1:${port}`,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

interface ServiceProcess {
  url: string
  close(): Promise<void>
}

/** The feed read in-process from PostgreSQL, for the figure beside the service's. */
async function directPull(pool: pg.Pool, from: FeedCursor, expected: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-pull-'))
  const local: LocalDatabase = await openLocalDatabase({ dataDir: dir, key: randomBytes(32) })
  const mirror = new LocalMirror(local.sql)
  const started = performance.now()
  let cursor = from
  let pulled = 0
  while (pulled < expected) {
    const page = await readFeed(pool, cursor, 5_000)
    if (page.changes.length === 0) break
    mirror.apply(page.changes)
    cursor = page.next
    pulled += page.changes.length
  }
  const seconds = (performance.now() - started) / 1000
  await local.close()
  rmSync(dir, { recursive: true, force: true })
  return seconds
}

/** The queued commands applied by the service's batch code in-process, 500 at a time. */
async function directPush(db: LocalDatabase['sql'], pool: pg.Pool, consoleId: string): Promise<number> {
  const queued = db
    .prepare(
      `SELECT command_id AS commandId, command, payload_json AS payload, created_at AS madeAt,
        proof_key AS proofKey, proof_signature AS proofSignature, proof_chain AS proofChain FROM outbox
      WHERE state = 'pending' ORDER BY seq`,
    )
    .all() as {
    commandId: string
    command: string
    payload: string
    madeAt: string
    proofKey: string
    proofSignature: string
    proofChain: string | null
  }[]
  const started = performance.now()
  for (let i = 0; i < queued.length; i += 500) {
    const batch: PushedCommand[] = queued.slice(i, i + 500).map((c) => ({
      commandId: c.commandId,
      command: c.command,
      payload: JSON.parse(c.payload) as unknown,
      author: CHIEF.login,
      madeAt: c.madeAt,
      keys: [],
      audit: [],
      proof: { key: c.proofKey, signature: c.proofSignature, chain: c.proofChain },
      madeAlone: null,
      sessionProof: null,
    }))
    const answer = await applyPushedBatch(pool, consoleId, batch)
    const refused = answer.outcomes.filter((o) => o.outcome === 'refused')
    if (refused.length > 0) throw new Error(`direct push refused: ${JSON.stringify(refused[0])}`)
  }
  return (performance.now() - started) / 1000
}
