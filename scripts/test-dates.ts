import { spawnSync } from 'node:child_process'

/**
 * `npm run test:dates`: the date-bound integration suites (readings, requests, questions, sync) run
 * with every test console's clock pinned at the instants where the billing rules turn
 * (docs/business-rules.md#meter-readings): the 2nd at 23:59 and the 3rd at 00:00 Moscow time, the last
 * evening of a month, 31 December → 1 January, and 29 February. The central database runs on the
 * real clock; the consoles' clocks are read through the offset measured at each sign-in.
 */
const PINNED = [
  ['the 2nd, 23:59 Moscow', '2026-12-02T20:59:00.000Z'],
  ['the 3rd, 00:00 Moscow', '2026-12-02T21:00:00.000Z'],
  ['30 November, 23:30 Moscow', '2026-11-30T20:30:00.000Z'],
  ['31 December, 23:59 Moscow', '2027-12-31T20:59:00.000Z'],
  ['1 January, 00:00 Moscow', '2027-12-31T21:00:00.000Z'],
  ['29 February 2028, 12:00 Moscow', '2028-02-29T09:00:00.000Z'],
] as const

export const DATE_BOUND_SUITES = [
  'test/integration/record-readings.test.ts',
  'test/integration/reading-batches.test.ts',
  'test/integration/batch-life.test.ts',
  'test/integration/period-overview.test.ts',
  'test/integration/reading-coverage.test.ts',
  'test/integration/central-service/request-completion.test.ts',
  'test/integration/central-service/request-steps.test.ts',
  'test/integration/central-service/questions-inbox.test.ts',
  'test/integration/central-service/proof-of-person.test.ts',
  'test/integration/central-service/same-rules.test.ts',
  'test/integration/central-service/made-alone.test.ts',
  'test/integration/sync',
]

let failed = 0
for (const [name, instant] of PINNED) {
  console.log(`\n== ${name} (TEST_CLOCK=${instant})`)
  const run = spawnSync('npx', ['vitest', 'run', ...DATE_BOUND_SUITES], {
    stdio: 'inherit',
    env: { ...process.env, TEST_CLOCK: instant },
  })
  if (run.status !== 0) failed += 1
}
console.log(
  failed
    ? `\n${failed} of ${PINNED.length} pinned dates failed`
    : `\nall ${PINNED.length} pinned dates passed`,
)
process.exit(failed ? 1 : 0)
