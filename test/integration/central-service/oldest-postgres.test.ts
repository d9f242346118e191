import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCentralDatabase } from '../../support/central-database'
import { connectAsWebsite } from '../../support/central-service'
import { OLDEST_POSTGRES, oldestPostgresBinaries, startOldestPostgres } from '../../support/oldest-postgres'
import { tryShadowFunction } from '../../support/shadow-function'

const binaries = oldestPostgresBinaries()
if (!binaries)
  console.warn(
    `SKIPPED: PostgreSQL ${OLDEST_POSTGRES} binaries are not installed (the optional dependency ` +
      `postgres-15-binaries exists for Linux x64 only); the oldest supported version was not tested.`,
  )

/**
 * The oldest PostgreSQL the central service supports (docs/central-service.md#postgresql-least-privilege),
 * with its own defaults: every migration, the owner-rights functions under the shadowing attack, and
 * the website's 2.5 names through views that keep its row policies.
 */
describe.skipIf(!binaries)(`the central database on PostgreSQL ${OLDEST_POSTGRES}`, () => {
  const central = useCentralDatabase({ privateServer: startOldestPostgres })

  it(`is version ${OLDEST_POSTGRES}, migrated to the end`, async () => {
    const { rows } = await central.pool.query<{ major: number; version: string }>(
      `SELECT current_setting('server_version_num')::int / 10000 AS major, portal_contract_version() AS version`,
    )
    const documented = /\*\*Version ([0-9.]+)\*\*/.exec(
      readFileSync(resolve('docs/portal-contract.md'), 'utf8'),
    )
    expect(rows).toEqual([{ major: OLDEST_POSTGRES, version: documented?.[1] }])
  })

  it('never runs a function the website defines in public with the owner’s rights', async () => {
    const attempt = await tryShadowFunction(central)
    expect(attempt.ranForItsAuthor).toHaveLength(1)
    expect(attempt.ranInsideTheOwnersFunction).toEqual([])
  })

  it('takes a question under its 2.5 name, and shows it only to its subscriber', async () => {
    const website = await connectAsWebsite(central)
    const as = async (account: string, sql: string) => {
      await website.client.query('BEGIN')
      await website.client.query(`SELECT set_config('vodokanal.account', $1, true)`, [account])
      const result = await website.client.query<{ id: string }>(sql)
      await website.client.query('COMMIT')
      return result.rows
    }
    try {
      const [asked] = await as(
        '40000001',
        `INSERT INTO portal_feedback (surname, first_name, email, account_number, subject, message)
        VALUES ('Ковалёва', 'Анна', 'k@example.ru', '40000001', 'Начисление', 'Почему?') RETURNING id`,
      )
      expect(await as('40000001', `SELECT id FROM portal_feedback`)).toEqual([asked])
      expect(await as('40000002', `SELECT id FROM portal_feedback`)).toEqual([])
    } finally {
      await website.end()
    }
  })
})
