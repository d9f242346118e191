import { mkdtempSync } from 'node:fs'
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
): Promise<{ result: object; local: LocalDatabase; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-seed-'))
  const local = (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local
  const started = performance.now()
  const done = seedLocalDatabase(local.sql, { count: accounts, seed: 1, untilPeriod: '2026-10', months: 24 })
  local.sql.exec('ANALYZE')
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
