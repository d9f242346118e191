import { randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLocalDatabase, type LocalDatabase } from '../../src-main/db/local/data-source'
import { DISTRICTS } from '../../src-main/seed/sevastopol'
import { seedLocalDatabase } from '../../src-main/seed/seed-local'

describe('demo data', () => {
  const opened: { local: LocalDatabase; dir: string }[] = []
  async function seeded(seed: number, count = 400) {
    const dir = mkdtempSync(join(tmpdir(), 'vodokanal-seed-'))
    const local = await openLocalDatabase({ dataDir: dir, key: randomBytes(32) })
    opened.push({ local, dir })
    seedLocalDatabase(local.sql, { count, seed, untilPeriod: '2026-10', months: 24 })
    return local
  }
  afterEach(async () => {
    for (const { local, dir } of opened.splice(0)) {
      await local.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  const dump = (local: LocalDatabase, sql: string) => local.sql.prepare(sql).all()

  it('makes the same city from the same seed, and another from another seed', async () => {
    const a = await seeded(7)
    const b = await seeded(7)
    const c = await seeded(8)
    const q = 'SELECT * FROM accounts ORDER BY id'
    expect(dump(a, q)).toEqual(dump(b, q))
    expect(dump(a, 'SELECT * FROM readings ORDER BY id')).toEqual(
      dump(b, 'SELECT * FROM readings ORDER BY id'),
    )
    expect(dump(a, q)).not.toEqual(dump(c, q))
  })

  it('covers every district, both house types, closed accounts, 1 to 3 meters and 24 periods', async () => {
    const local = await seeded(1, 2_000)
    const districts = dump(local, 'SELECT DISTINCT district FROM accounts ORDER BY district') as {
      district: string
    }[]
    expect(districts.map((d) => d.district).sort()).toEqual([...DISTRICTS].sort())
    const kinds = dump(local, 'SELECT house_type, status, count(*) AS n FROM accounts GROUP BY 1, 2') as {
      house_type: string
      status: string
      n: number
    }[]
    expect(kinds.map((k) => `${k.house_type}/${k.status}`).sort()).toEqual([
      'mkd/active',
      'mkd/closed',
      'private/active',
      'private/closed',
    ])
    const meters = local.sql
      .prepare(
        'SELECT min(n) AS least, max(n) AS most FROM (SELECT count(*) AS n FROM meters GROUP BY account_id)',
      )
      .get()
    expect(meters).toEqual({ least: 1, most: 3 })
    const periods = local.sql
      .prepare('SELECT count(DISTINCT period) AS n, min(period) AS first FROM readings')
      .get()
    expect(periods).toEqual({ n: 24, first: '2024-11' })
    const charged = local.sql
      .prepare(`SELECT DISTINCT a.house_type FROM charges c JOIN accounts a ON a.id = c.account_id`)
      .all()
    expect(charged).toEqual([{ house_type: 'private' }])
  })

  it('keeps Vodokanal and EIRC numbers unique and never alike', async () => {
    const local = await seeded(3, 2_000)
    const row = local.sql
      .prepare(
        `SELECT count(DISTINCT number) AS numbers, count(DISTINCT eirc_number) AS eirc,
          sum(number = eirc_number) AS same, count(*) AS total FROM accounts`,
      )
      .get()
    expect(row).toEqual({ numbers: 2_000, eirc: 2_000, same: 0, total: 2_000 })
  })

  it('refuses to seed a database that already has accounts', async () => {
    const local = await seeded(1, 10)
    expect(() =>
      seedLocalDatabase(local.sql, { count: 10, seed: 1, untilPeriod: '2026-10', months: 24 }),
    ).toThrow(/уже есть лицевые счета/)
  })

  it('npm run seed makes the folder it is given', () => {
    const parent = mkdtempSync(join(tmpdir(), 'vodokanal-seed-cli-'))
    try {
      const dir = join(parent, 'new', 'folder')
      const output = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/seed.ts', '--accounts', '20', '--data-dir', dir],
        { encoding: 'utf8' },
      )
      expect(output).toMatch(/Готово за [\d,.]+ с: 20 счетов/)
      expect(existsSync(dir)).toBe(true)
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })
})
