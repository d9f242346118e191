import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { readFeed, readFeedJson } from '../../../src-central/feed/change-feed'
import { FEED_START, type FeedCursor } from '@shared/central/rows'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts, truncateCentral, useCentralDatabase } from '../../support/central-database'

const central = useCentralDatabase()

/** Reads the feed to its current end, returning the change ids seen, as a console's pull does. */
async function drain(pool: pg.Pool, cursor: FeedCursor, seen: number[]): Promise<FeedCursor> {
  for (;;) {
    const page = await readFeed(pool, cursor, 500)
    seen.push(...page.changes.map((c) => Number((c.row as { id: number }).id)))
    cursor = page.next
    if (page.changes.length < 500) return cursor
  }
}

describe('the central change feed', () => {
  it('delivers a change whose transaction took its place early and committed late', async () => {
    await truncateCentral(central.pool)
    const early = await central.pool.connect()
    await early.query('BEGIN')
    await early.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ('early', 'Ранний', 'clerk', 'x')`,
    )
    // Another writer commits after the early one started: its row is in the log with a later id.
    await central.pool.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ('late', 'Поздний', 'clerk', 'x')`,
    )
    const seen: string[] = []
    let cursor = FEED_START
    let page = await readFeed(central.pool, cursor, 100)
    seen.push(...page.changes.map((c) => String(c.row.login)))
    cursor = page.next
    // A plain "id > last seen" reader would now have passed the early row for good.
    const naive = await central.pool.query(`SELECT row_data->>'login' AS login FROM change_log ORDER BY id`)
    expect(naive.rows.map((r) => r.login)).toEqual(['late'])
    expect(seen).toEqual([])

    await early.query('COMMIT')
    early.release()
    page = await readFeed(central.pool, cursor, 100)
    seen.push(...page.changes.map((c) => String(c.row.login)))
    expect(seen).toEqual(['early', 'late'])
  })

  it('sends a console the staff rows without their password hashes', async () => {
    await truncateCentral(central.pool)
    await central.pool.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ('ivanova', 'Иванова Анна', 'clerk', $1)`,
      ['scrypt$16384$8$1$c2FsdA$secret-hash-text'],
    )
    const text = await readFeedJson(central.pool, FEED_START, 500)
    expect(text).not.toContain('password_hash')
    expect(text).not.toContain('secret-hash-text')
    const page = JSON.parse(text) as Awaited<ReturnType<typeof readFeed>>
    expect(page.changes.map((c) => [c.table, c.row.login, c.row.full_name])).toEqual([
      ['staff', 'ivanova', 'Иванова Анна'],
    ])
  })

  it('never skips a row however many writers commit out of order, and never repeats one', async () => {
    await truncateCentral(central.pool)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1 })])
    const writers = 10
    const transactionsEach = 40
    const seen: number[] = []
    let cursor = await drain(central.pool, FEED_START, [])
    let writing = true

    const reader = (async () => {
      while (writing) {
        cursor = await drain(central.pool, cursor, seen)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 8))
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const client = await central.pool.connect()
        try {
          for (let t = 0; t < transactionsEach; t++) {
            await client.query('BEGIN')
            await client.query(
              `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
              VALUES ($1, 1, $2, 'кухня', '2020-01-01', '2030-01-01', 5, 'active')`,
              [w * 1000 + t + 10, `W${w}-${t}`],
            )
            await pause() // hold the transaction open so commits interleave out of id order
            await client.query(`UPDATE meters SET place = 'ванная' WHERE id = $1`, [w * 1000 + t + 10])
            await client.query('COMMIT')
          }
        } finally {
          client.release()
        }
      }),
    )
    writing = false
    await reader
    cursor = await drain(central.pool, cursor, seen)

    const expected = writers * transactionsEach * 2
    const logged = await central.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM change_log WHERE table_name = 'meters'`,
    )
    expect(logged.rows[0]!.n).toBe(expected)
    const meterChanges = seen.filter((id) => id >= 10)
    // Each meter: its insert and its update, in that order.
    const perMeter = new Map<number, number>()
    for (const id of meterChanges) perMeter.set(id, (perMeter.get(id) ?? 0) + 1)
    expect([...perMeter.values()].every((n) => n === 2)).toBe(true)
    expect(perMeter.size).toBe(writers * transactionsEach)
  })
})
