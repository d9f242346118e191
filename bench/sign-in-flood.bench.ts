import { spawn } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import pg from 'pg'
import { migrateCentral } from '../src-central/db/migrate'
import { startCentralService } from '../src-central/server'
import { PasswordHasher } from '../src-main/modules/staff/password-hash'
import { CentralClient } from '../src-main/sync/central-client'
import { createScratchDatabase, startPostgresServer } from '../test/support/postgres-server'
import { testAuthorities } from '../test/support/tls'
import { summarize } from './stats'

const FLOOD_LOOPS = 16
/** Sign-ins measured under the flood, taken in turn from two consoles: each stays within its own
 * door allowance (30 a minute per address and console), which is not what is measured here. */
const SIGN_INS = 40

/**
 * A legitimate sign-in while 16 loops flood the anonymous enrolment door with unknown logins
 * (docs/central-service.md#the-doors-rate-limits), with the product's own password cost and door
 * limits: the flood is answered 429 before any hash is spent, so the person's sign-in stays quick.
 */
export async function signInFloodBench(): Promise<object> {
  const server = await startPostgresServer()
  const scratch = await createScratchDatabase(server.url, 'flood')
  const { right } = testAuthorities()
  const hasher = new PasswordHasher()
  let service: Awaited<ReturnType<typeof startCentralService>> | null = null
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 })
  try {
    await migrateCentral(scratch.url)
    await pool.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ('chief', 'Иванова Марина Петровна', 'supervisor', $1)`,
      [await hasher.hash('пароль-старшего-смены')],
    )
    service = await startCentralService({
      databaseUrl: scratch.url,
      tls: { cert: right.cert, key: right.key },
    })
    const endpoint = { url: service.url, caPem: right.caPem }
    const anonymous = new CentralClient(endpoint, null)
    const enrolled = async (consoleName: string) => {
      const keys = generateKeyPairSync('ed25519')
      const { consoleId } = await anonymous.enrol({
        consoleName,
        publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        login: 'chief',
        password: 'пароль-старшего-смены',
      })
      return new CentralClient(endpoint, { consoleId, privateKey: keys.privateKey })
    }
    const consoles = [await enrolled('Касса 1'), await enrolled('Касса 2')]

    const quiet: number[] = []
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      await consoles[i % 2]!.signIn('chief', 'пароль-старшего-смены')
      quiet.push(performance.now() - started)
    }
    // The flood runs in its own process, as an attacker's would: its loops must not slow the
    // measuring client's event loop.
    const flood = spawn(process.execPath, ['-e', FLOOD_SCRIPT], {
      env: {
        ...process.env,
        FLOOD_URL: service.url,
        FLOOD_CA: right.caPem,
        FLOOD_LOOPS: String(FLOOD_LOOPS),
        FLOOD_PARENT: String(process.pid),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const floodAnswers = new Promise<string>((resolve) => {
      let out = ''
      flood.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      flood.on('exit', () => resolve(out))
    })
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const samples: number[] = []
    for (let i = 0; i < SIGN_INS; i++) {
      const started = performance.now()
      await consoles[i % 2]!.signIn('chief', 'пароль-старшего-смены')
      samples.push(performance.now() - started)
    }
    flood.kill('SIGTERM')
    const answers = JSON.parse((await floodAnswers).trim().split('\n').pop() || '{}') as Record<
      string,
      number
    >
    anonymous.close()
    for (const client of consoles) client.close()
    return {
      name: `a staff sign-in (scrypt N=2^17) while ${FLOOD_LOOPS} loops flood the anonymous enrolment door`,
      ...summarize(samples),
      withoutFlood: summarize(quiet),
      floodAnswers: answers,
      target: 'p95 < 500 ms',
    }
  } finally {
    await service?.close()
    await pool.end()
    await scratch.drop()
    await server.stop()
  }
}

/** 16 loops of anonymous enrolments with unknown logins, each waiting for its answer; counts by status. */
const FLOOD_SCRIPT = `
const https = require('node:https')
const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: process.env.FLOOD_CA })
const url = new URL('/v1/consoles/enrol', process.env.FLOOD_URL)
const counts = {}
let on = true
process.on('SIGTERM', () => { on = false; console.log(JSON.stringify(counts)); process.exit(0) })
// A bench killed from outside cannot send SIGTERM: the flood then notices its parent is gone and stops.
setInterval(() => { try { process.kill(Number(process.env.FLOOD_PARENT), 0) } catch { process.exit(0) } }, 1000)
const once = (i) => new Promise((resolve) => {
  const body = JSON.stringify({ consoleName: 'x', publicKey: 'x'.repeat(40), login: 'nobody' + i, password: 'x' })
  const req = https.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
    counts[res.statusCode] = (counts[res.statusCode] || 0) + 1
    res.resume(); res.on('end', resolve)
  })
  req.on('error', resolve); req.end(body)
})
const loop = async (n) => { for (let i = 0; on; i++) await once(n * 1e6 + i) }
for (let n = 0; n < Number(process.env.FLOOD_LOOPS); n++) loop(n)
`
