import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LocalDatabase } from '../src-main/db/local/data-source'
import { openLocalCopy } from '../src-main/db/local/local-copy'
import { fileSecretBox } from '../src-main/browser-shell/file-secret-box'
import { seedLocalDatabase } from '../src-main/seed/seed-local'
import { round } from './stats'

/** Demo data into a fresh local database, timed; the database is then the other benches' data. */
export async function seedBench(
  accounts: number,
  keptDir?: string,
): Promise<{ result: object; local: LocalDatabase; dataDir: string }> {
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'vodokanal-bench-seed-'))
  // A folder kept from an earlier run already holds its seeded city: 300,000 accounts take minutes.
  const reused = keptDir !== undefined && existsSync(join(keptDir, 'bench-seeded'))
  if (keptDir) mkdirSync(keptDir, { recursive: true })
  const local = (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local
  if (reused) return { local, dataDir, result: { name: `seed: reused the city seeded in ${keptDir}` } }
  const started = performance.now()
  const done = seedLocalDatabase(local.sql, { count: accounts, seed: 1, untilPeriod: '2026-10', months: 24 })
  local.sql.exec('ANALYZE')
  if (keptDir) writeFileSync(join(keptDir, 'bench-seeded'), String(accounts))
  const seconds = (performance.now() - started) / 1000
  return {
    local,
    dataDir,
    result: {
      name: `seed ${accounts} accounts (npm run seed)`,
      seconds: round(seconds),
      accountsPerSecond: Math.round(done.accounts / seconds),
      readings: done.readings,
      readingsPerSecond: Math.round(done.readings / seconds),
    },
  }
}
