import pg from 'pg'
import { centralMigrations } from '../db/central/migrations'
import { AppError } from '../errors'
import { describeSyncError } from './sync-status'

/**
 * Tries a central database before a supervisor's settings are saved: reachable, the credentials
 * accepted, the schema migrated. Any failure is an error the supervisor can act on; nothing is saved.
 */
export async function probeCentral(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    const latest = centralMigrations[centralMigrations.length - 1]!.name
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM migrations WHERE name = $1`,
      [latest],
    )
    if (rows[0]!.n === 0) throw new AppError('CENTRAL_NOT_MIGRATED')
  } catch (error) {
    if (error instanceof AppError) throw error
    const problem = describeSyncError(error)
    throw new AppError(
      problem.kind === 'authFailed'
        ? 'CENTRAL_AUTH_FAILED'
        : problem.kind === 'notMigrated'
          ? 'CENTRAL_NOT_MIGRATED'
          : 'CENTRAL_UNREACHABLE',
      { detail: problem.detail },
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}
