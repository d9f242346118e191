import { fileSecretBox } from '../src-main/browser-shell/file-secret-box'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openLocalCopy } from '../src-main/db/local/local-copy'
import { seedLocalDatabase } from '../src-main/seed/seed-local'

/**
 * `npm run seed -- --accounts N [--seed S] [--data-dir DIR]`: realistic Sevastopol demo data in
 * the local database the browser shell uses by default (.data/browser).
 */
const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
    until: { type: 'string', default: '2026-10' },
  },
})
const count = Number(values.accounts)
if (!Number.isInteger(count) || count < 1) {
  console.error('--accounts: укажите целое число больше нуля')
  process.exit(2)
}
const dataDir = resolve(values['data-dir'] ?? process.env.VODOKANAL_DATA_DIR ?? '.data/browser')
// A folder named for the first time is made, as the application makes its own (owner only).
mkdirSync(dataDir, { recursive: true, mode: 0o700 })
const local = (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local
const started = performance.now()
try {
  const done = seedLocalDatabase(
    local.sql,
    { count, seed: Number(values.seed), untilPeriod: values.until!, months: 24 },
    (p) => process.stdout.write(`\r${p.accounts} / ${count} счетов, ${p.readings} показаний`),
  )
  const seconds = (performance.now() - started) / 1000
  console.log(
    `\nГотово за ${seconds.toFixed(1)} с: ${done.accounts} счетов, ${done.readings} показаний → ${local.file}`,
  )
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await local.close()
}
