import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { coldStartBench } from './cold-start.bench'
import { seedBench } from './seed.bench'

/**
 * `npm run bench [-- --accounts N --only NAME]`: every benchmark, printed and saved under
 * bench/results/. Needs `npx electron-vite build` first for the browser-shell figures.
 */
const { values } = parseArgs({
  options: { accounts: { type: 'string', default: '300000' }, only: { type: 'string' } },
})
const accounts = Number(values.accounts)
const benches: Record<string, () => Promise<object>> = {
  'cold-start': () => coldStartBench(),
  seed: () => seedBench(accounts),
}
const results: object[] = []
for (const [name, run] of Object.entries(benches)) {
  if (values.only && values.only !== name) continue
  console.log(`… ${name}`)
  const result = await run()
  console.log(JSON.stringify(result))
  results.push(result)
}
mkdirSync('bench/results', { recursive: true })
writeFileSync(
  `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify(results, null, 2),
)
