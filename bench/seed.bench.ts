import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLocalDatabase } from '../src-main/db/local/data-source'
import { seedLocalDatabase } from '../src-main/seed/seed-local'
import { round } from './stats'

/** Demo-data generation into a fresh local database: accounts and readings per second. */
export async function seedBench(accounts: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-seed-'))
  const local = await openLocalDatabase({ dataDir })
  try {
    const started = performance.now()
    const done = seedLocalDatabase(local.sql, {
      count: accounts,
      seed: 1,
      untilPeriod: '2026-10',
      months: 24,
    })
    const seconds = (performance.now() - started) / 1000
    return {
      name: `seed ${accounts} accounts`,
      seconds: round(seconds),
      accountsPerSecond: Math.round(done.accounts / seconds),
      readings: done.readings,
      readingsPerSecond: Math.round(done.readings / seconds),
    }
  } finally {
    await local.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
