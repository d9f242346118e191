import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { billingImportBench } from './billing-import.bench'
import { accountCardBench, accountSearchBench, realisticQueries } from './account-search.bench'
import { batchEntryInBrowserBench, cleanPaperForms } from './batch-entry-in-browser.bench'
import { coldStartBench } from './cold-start.bench'
import { mixedStackInBrowserBench } from './mixed-stack-in-browser.bench'
import { exportsBench } from './exports.bench'
import { questionsInboxBench } from './questions-inbox.bench'
import { recordReadingsBench } from './record-readings.bench'
import { searchInBrowserBench } from './search-in-browser.bench'
import { searchEvaluationBench } from './search-evaluation.bench'
import { seedBench } from './seed.bench'
import { signInFloodBench } from './sign-in-flood.bench'
import { syncBench } from './sync.bench'

/**
 * `npm run bench [-- --accounts N --keep DIR --only cold-start|seed|search|readings|sync|flood|import|questions|exports]`: every benchmark, printed and saved under
 * bench/results/. The browser-shell figures need `npx electron-vite build` first.
 */
const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '300000' },
    only: { type: 'string' },
    // A folder to seed once and reuse on the next runs (it is kept); without it the city is seeded afresh.
    keep: { type: 'string' },
  },
})
const wants = (name: string) => !values.only || values.only === name
const results: object[] = []
const report = (result: object) => {
  console.log(JSON.stringify(result))
  results.push(result)
}

if (wants('cold-start')) report(await coldStartBench())
if (wants('seed') || wants('search') || wants('readings') || wants('exports')) {
  console.log(`… seeding ${values.accounts} accounts`)
  const seeded = await seedBench(Number(values.accounts), values.keep)
  report(seeded.result)
  if (wants('search')) {
    report(searchEvaluationBench(seeded.local.sql))
    report(accountSearchBench(seeded.local.sql))
    report(accountCardBench(seeded.local.sql))
  }
  if (wants('readings')) report(recordReadingsBench(seeded.local.sql))
  if (wants('exports'))
    for (const result of await exportsBench(seeded.local, seeded.dataDir, '2026-10')) report(result)
  const queries = realisticQueries(seeded.local.sql).map((q) => q.query)
  const forms = cleanPaperForms(seeded.local.sql, 560)
  await seeded.local.close()
  if (wants('search')) report(await searchInBrowserBench(seeded.dataDir, queries))
  if (wants('readings')) {
    report(await batchEntryInBrowserBench(seeded.dataDir, forms))
    report(await mixedStackInBrowserBench())
  }
  if (!values.keep) rmSync(seeded.dataDir, { recursive: true, force: true })
}
if (wants('sync')) for (const result of await syncBench(Number(values.accounts))) report(result)
if (wants('flood')) report(await signInFloodBench())
if (wants('questions')) for (const result of await questionsInboxBench()) report(result)
if (wants('import')) for (const result of await billingImportBench(Number(values.accounts))) report(result)
mkdirSync('bench/results', { recursive: true })
writeFileSync(
  `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify(results, null, 2),
)
