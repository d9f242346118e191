import { afterAll, describe, expect, it } from 'vitest'
import { useCentralDatabase } from '../../support/central-database'
import { tryShadowFunction } from '../../support/shadow-function'

const central = useCentralDatabase()

/**
 * The functions that run with the schema owner's rights
 * (docs/central-service.md#postgresql-least-privilege): each searches `pg_catalog` only and names its
 * tables with their schema, so nothing another login can create is ever called with those rights,
 * even where PUBLIC may create in `public` (PostgreSQL 14's default).
 */
describe('functions that run with the owner’s rights', () => {
  afterAll(async () => {
    await central.pool.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
  })

  it('nobody but the owner may create in public once migrated', async () => {
    const { rows } = await central.pool.query<{ may: boolean }>(
      `SELECT has_schema_privilege('public', 'public', 'CREATE') AS may`,
    )
    expect(rows[0]!.may).toBe(false)
  })

  it('each searches pg_catalog only and names every table with its schema', async () => {
    const { rows: functions } = await central.pool.query<{
      name: string
      config: string[] | null
      body: string
    }>(
      `SELECT p.oid::regprocedure::text AS name, p.proconfig AS config, p.prosrc AS body
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`,
    )
    const { rows: tables } = await central.pool.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    )
    const tableNames = new Set(tables.map((t) => t.tablename))
    // The triggers of the feed, the staff history, the inbox and the website's password functions.
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['log_change()', 'portal_set_password(text,text)', 'question_arrived()']),
    )
    expect(functions.length).toBeGreaterThanOrEqual(13)
    for (const fn of functions) {
      expect(fn.config, fn.name).toEqual(['search_path=pg_catalog, pg_temp'])
      const unqualified = [...fn.body.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(?!public\.)([a-z_]+)/gi)]
        .map((match) => match[1]!)
        .filter((word) => tableNames.has(word))
      expect(unqualified, fn.name).toEqual([])
    }
  })

  it('a function the website’s login defines in public never runs with the owner’s rights', async () => {
    const attempt = await tryShadowFunction(central)
    expect(attempt.ranForItsAuthor).toHaveLength(1)
    expect(attempt.answer).toBe('unknownToken')
    expect(attempt.ranInsideTheOwnersFunction).toEqual([])
  })
})
