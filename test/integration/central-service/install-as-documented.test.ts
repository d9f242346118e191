import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateCentral } from '../../../src-central/db/migrate'
import { OLDEST_POSTGRES, oldestPostgresBinaries, startOldestPostgres } from '../../support/oldest-postgres'
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server'

/** The configured server (the newest here), and the oldest supported version as `initdb` leaves it. */
const SERVERS: [string, () => Promise<PostgresServer>][] = [
  ['the test server', startPostgresServer],
  ...(oldestPostgresBinaries()
    ? [[`PostgreSQL ${OLDEST_POSTGRES}`, startOldestPostgres] as [string, () => Promise<PostgresServer>]]
    : []),
]

/**
 * The install steps of docs/central-service.md#install-on-a-server-debian, in order: the administrator
 * makes the owner (no superuser, no right to make roles), its database and the two group roles; the
 * owner alone then runs every migration.
 */
describe.each(SERVERS)('installing the central database as the docs say, on %s', (_name, startServer) => {
  let server: PostgresServer
  const suffix = randomBytes(4).toString('hex')
  const owner = `vodokanal_owner_${suffix}`
  const database = `vodokanal_install_${suffix}`
  const password = randomBytes(12).toString('hex')
  let admin: pg.Client

  beforeAll(async () => {
    server = await startServer()
    admin = new pg.Client({ connectionString: server.url })
    await admin.connect()
  })
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.query(`DROP ROLE IF EXISTS ${owner}`)
    await admin.end()
    await server.stop()
  })

  it('lets the owner migrate without a superuser, and leaves nobody else able to create in public', async () => {
    // The administrator's part, as written in the docs.
    await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEROLE NOCREATEDB`)
    await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`)
    for (const role of ['vodokanal_central', 'vodokanal_website'])
      await admin.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF;
      END $$`)
    const url = new URL(server.url)
    url.username = owner
    url.password = password
    url.pathname = `/${database}`
    // Where `public` still belongs to the server's superuser (PostgreSQL 14), the docs hand it over.
    const inDatabase = new URL(server.url)
    inDatabase.pathname = `/${database}`
    const adminThere = new pg.Client({ connectionString: inDatabase.toString() })
    await adminThere.connect()
    await adminThere.query(`ALTER SCHEMA public OWNER TO ${owner}`)
    await adminThere.end()

    await migrateCentral(url.toString())

    const asOwner = new pg.Client({ connectionString: url.toString() })
    await asOwner.connect()
    try {
      const { rows } = await asOwner.query<{ may: boolean; migrations: string }>(
        `SELECT has_schema_privilege('public', 'public', 'CREATE') AS may,
          (SELECT count(*) FROM migrations)::text AS migrations`,
      )
      expect(rows[0]!.may).toBe(false)
      expect(Number(rows[0]!.migrations)).toBeGreaterThanOrEqual(25)
    } finally {
      await asOwner.end()
    }
  })
})
