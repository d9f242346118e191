import { readFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp } from '../../support/test-app'

const central = useCentralService()

/** Every console entry point: the Electron main process and preload, and the browser shell. */
const ENTRY_POINTS = [
  'src-main/main.ts',
  'src-main/preload.ts',
  'src-main/browser-shell/cli.ts',
  'src-main/app.ts',
]

/** Follows every static and dynamic import from the entry points: the console's whole code. */
function consoleImportGraph(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const queue = ENTRY_POINTS.map((f) => resolve(f))
  while (queue.length) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const spec = match[1]!
      const base = spec.startsWith('@shared/')
        ? resolve('shared', spec.slice('@shared/'.length))
        : spec.startsWith('.')
          ? join(dirname(file), spec)
          : null
      if (base === null) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
        continue
      }
      const found = [`${base}.ts`, join(base, 'index.ts'), base].find(
        (p) => existsSync(p) && p.endsWith('.ts'),
      )
      if (found) queue.push(found)
    }
  }
  return { files, packages }
}

describe('a console never holds the central database’s keys', () => {
  it('has no PostgreSQL driver and none of the service’s code anywhere in its import graph', () => {
    const { files, packages } = consoleImportGraph()
    expect(files.size).toBeGreaterThan(50)
    expect(
      [...packages].filter((p) => p === 'pg' || p.startsWith('pg-') || p === 'typeorm/driver/postgres'),
    ).toEqual([])
    expect([...files].filter((f) => f.includes(`${'/'}src-central${'/'}`))).toEqual([])
  })

  it('opens no connection to the central database while it syncs: only the service and the test do', async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    const console_ = await buildTestApp({ central: { service: central } })
    try {
      const clerk = await console_.tokenFor('clerk')
      await console_.call(
        'readings.record',
        {
          accountNumber: '40000001',
          receivedOn: '2026-11-02',
          source: 'paper',
          values: [{ meterId: 11, value: '3', confirmed: [] }],
        },
        clerk,
      )
      await console_.app.sync!.syncNow()
      const { rows } = await central.pool.query<{ application_name: string }>(
        `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database()`,
      )
      expect(rows.map((r) => r.application_name).sort()).toEqual(
        expect.arrayContaining(['vodokanal-central', 'vodokanal-central-live']),
      )
      expect(
        rows
          .map((r) => r.application_name)
          .filter(
            (name) => !['vodokanal-central', 'vodokanal-central-live', 'vodokanal-test'].includes(name),
          ),
      ).toEqual([])
    } finally {
      await console_.dispose()
    }
  })
})
