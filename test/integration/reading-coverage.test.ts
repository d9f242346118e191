import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalDatabase, type LocalDatabase } from '../../src-main/db/local/data-source'
import { ReadingCoverage1764000000022 } from '../../src-main/db/local/migrations/1764000000022-reading-coverage'
import { seedLocalDatabase } from '../../src-main/seed/seed-local'

/**
 * The coverage tally the reports read (local migration 22) against the same figures counted from
 * the readings themselves, after every kind of change a console sees: a clerk's reading, a
 * correction of source or period, a reading withdrawn, an account's district corrected, a meter
 * moved to another account — and after the migration fills it from a copy that already had readings.
 */
describe('reading coverage tally', () => {
  let local: LocalDatabase
  let dir: string
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vodokanal-coverage-'))
    local = await openLocalDatabase({ dataDir: dir, key: randomBytes(32) })
    seedLocalDatabase(local.sql, { count: 150, seed: 3, untilPeriod: '2026-10', months: 6 })
  })
  afterEach(async () => {
    await local.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const kept = () => ({
    tally: local.sql
      .prepare(
        `SELECT period, district, '*' AS source, accounts, NULL AS readings FROM covered_accounts WHERE accounts <> 0
        UNION ALL SELECT period, district, source, accounts, readings FROM covered_accounts_by_source
        WHERE accounts <> 0 OR readings <> 0
        ORDER BY period, district, source`,
      )
      .all(),
    periods: local.sql
      .prepare(
        `SELECT account_id, period, web, phone, paper, inspector FROM account_reading_periods ORDER BY 1, 2`,
      )
      .all(),
  })
  const counted = () => ({
    tally: local.sql
      .prepare(
        `SELECT r.period, a.district, r.source, count(DISTINCT a.id) AS accounts, count(*) AS readings
        FROM readings r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = m.account_id
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT r.period, a.district, '*', count(DISTINCT a.id), NULL
        FROM readings r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = m.account_id
        GROUP BY 1, 2
        ORDER BY 1, 2, 3`,
      )
      .all(),
    periods: local.sql
      .prepare(
        `SELECT m.account_id, r.period, sum(r.source = 'web') AS web, sum(r.source = 'phone') AS phone,
          sum(r.source = 'paper') AS paper, sum(r.source = 'inspector') AS inspector
        FROM readings r JOIN meters m ON m.id = r.meter_id GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(),
  })

  it('matches the readings after every kind of change', () => {
    expect(kept()).toEqual(counted())
    const db = local.sql
    let state = 7
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return state % n
    }
    const meters = db.prepare(`SELECT id, account_id AS accountId FROM meters`).all() as {
      id: number
      accountId: number
    }[]
    const accounts = db.prepare(`SELECT id FROM accounts`).pluck().all() as number[]
    const periods = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']
    const sources = ['web', 'phone', 'paper', 'inspector']
    const pick = <T>(items: T[]) => items[random(items.length)]!
    const aReading = () =>
      db.prepare(`SELECT id, meter_id AS meterId, period FROM readings ORDER BY random() LIMIT 1`).get() as {
        id: number
        meterId: number
        period: string
      }
    const changes = [
      () =>
        db
          .prepare(
            `INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES (?, ?, 1000, '2026-11-01T09:00:00Z', ?)
            ON CONFLICT (meter_id, period) DO UPDATE SET source = excluded.source`,
          )
          .run(pick(meters).id, pick(periods), pick(sources)),
      () => db.prepare(`UPDATE readings SET source = ? WHERE id = ?`).run(pick(sources), aReading().id),
      () => {
        const reading = aReading()
        const free = periods.filter(
          (period) =>
            !db
              .prepare(`SELECT 1 FROM readings WHERE meter_id = ? AND period = ?`)
              .get(reading.meterId, period),
        )
        if (free.length) db.prepare(`UPDATE readings SET period = ? WHERE id = ?`).run(pick(free), reading.id)
      },
      () => db.prepare(`DELETE FROM readings WHERE id = ?`).run(aReading().id),
      () =>
        db
          .prepare(`UPDATE accounts SET district = ? WHERE id = ?`)
          .run(pick(['Гагаринский', 'Ленинский', 'Нахимовский', 'Балаклавский']), pick(accounts)),
      () => db.prepare(`UPDATE meters SET account_id = ? WHERE id = ?`).run(pick(accounts), pick(meters).id),
      () => db.prepare(`UPDATE readings SET value_milli = value_milli + 1 WHERE id = ?`).run(aReading().id),
    ]
    for (let step = 1; step <= 700; step++) {
      db.transaction(() => pick(changes)())()
      if (step % 50 === 0) expect(kept(), `after ${step} changes`).toEqual(counted())
    }
  })

  it('is filled by its migration from a copy that already had readings', async () => {
    const runner = local.orm.createQueryRunner()
    try {
      await new ReadingCoverage1764000000022().down(runner)
      local.sql.exec(`DELETE FROM readings WHERE period = '2026-07'`)
      await new ReadingCoverage1764000000022().up(runner)
    } finally {
      await runner.release()
    }
    expect(kept().tally.length).toBeGreaterThan(20)
    expect(kept()).toEqual(counted())
  })
})
