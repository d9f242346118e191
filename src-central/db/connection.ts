import pg from 'pg'

// bigint (int8) columns come back as strings by default; ours (ids, thousandths of m³) fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
// A calendar date stays the 'YYYY-MM-DD' it is; as a JS Date it would shift with the machine's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

/**
 * The service's pool to the central database; short timeouts so "database away" is answered in
 * seconds (the consoles then say the server is unreachable and keep their work).
 */
export function createCentralPool(url: string, size = 16): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'vodokanal-central',
    // Timestamps leave PostgreSQL in UTC whatever the server's zone, so their text needs no zone maths.
    options: '-c TimeZone=UTC',
    keepAlive: true,
  })
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  // Nor may one dropped while checked out (a poller's transaction when PostgreSQL stops): the query in
  // flight fails and its caller handles that; the client's own 'error' event needs a listener too.
  pool.on('connect', (client) => client.on('error', () => undefined))
  return pool
}
