import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { migrateCentral } from '../src-central/db/migrate'
import { importBilling } from '../src-central/import/import-billing'
import { createScratchDatabase, startPostgresServer } from '../test/support/postgres-server'

const STREETS = [
  'ул. Большая Морская',
  'пр-т Октябрьской Революции',
  'ул. Ленина',
  'ул. Острякова',
  'пр-т Генерала Острякова',
]
const SURNAMES = ['Ковалёва', 'Петренко', 'Иванов', 'Сидоренко', 'Мельник', 'Шевченко', 'Бондаренко']

/** Writes a billing export of `accounts` accounts with two meters each, as billing would: streamed. */
async function writeExport(dir: string, accounts: number): Promise<void> {
  const write = async (name: string, header: string, line: (i: number) => string, count: number) => {
    const out = createWriteStream(join(dir, name))
    out.write('\uFEFF' + header + '\r\n')
    for (let i = 0; i < count; i++)
      if (!out.write(line(i) + '\r\n'))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    await new Promise<void>((resolve) => out.end(() => resolve()))
  }
  const number = (i: number) => String(40_000_000 + i)
  await write(
    'accounts.csv',
    'account_number;eirc_number;surname;first_name;patronymic;district;street;house;building;apartment;phone;email;house_type;opened_on;closed_on',
    (i) =>
      `${number(i)};${900_000_000 + i};${SURNAMES[i % SURNAMES.length]};Анна;Петровна;Ленинский;` +
      `${STREETS[i % STREETS.length]};${(i % 120) + 1};;${(i % 90) + 1};+7 978 ${String(i).padStart(7, '0')};;` +
      `${i % 5 === 0 ? 'частный' : 'МКД'};01.02.2015;`,
    accounts,
  )
  await write(
    'meters.csv',
    'account_number;serial;place;installed_on;verification_due;digits;removed_on',
    (i) =>
      `${number(Math.floor(i / 2))};СВ-${String(i).padStart(8, '0')};${i % 2 ? 'ванная' : 'кухня'};01.03.2020;01.03.2026;5;`,
    accounts * 2,
  )
}

/**
 * `npm run bench -- --only import`: a billing export of N accounts with 2N meters, imported into an empty
 * central database (the target: 300,000 accounts with 600,000 meters in under 2 minutes,
 * docs/billing-import.md), then the same files again (the no-op delta).
 */
export async function billingImportBench(accounts: number): Promise<object[]> {
  const server = await startPostgresServer()
  const scratch = await createScratchDatabase(server.url, 'bench_import')
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-bench-import-'))
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 })
  try {
    await migrateCentral(scratch.url)
    await writeExport(dir, accounts)
    const started = performance.now()
    const first = await importBilling(pool, dir, { full: true })
    const firstSeconds = (performance.now() - started) / 1000
    const againStarted = performance.now()
    const again = await importBilling(pool, dir, { full: true })
    const againSeconds = (performance.now() - againStarted) / 1000
    return [
      {
        name: `billing import of ${accounts} accounts and ${accounts * 2} meters (CSV) into an empty central database`,
        seconds: Math.round(firstSeconds * 100) / 100,
        added: first.map((r) => `${r.file}: ${r.added}`).join(', '),
        rejected: first.reduce((n, r) => n + r.rejected.length, 0),
        target: 'under 2 minutes for 300,000 accounts with 600,000 meters',
      },
      {
        name: 'the same export imported again (nothing changes)',
        seconds: Math.round(againSeconds * 100) / 100,
        changed: again.reduce((n, r) => n + r.added + r.updated + r.closed, 0),
      },
    ]
  } finally {
    await pool.end()
    await scratch.drop()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
