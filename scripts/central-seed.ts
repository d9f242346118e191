import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { migrateCentral } from '../src-central/db/migrate'
import { importBilling } from '../src-central/import/import-billing'
import { demoAccounts } from '../src-main/seed/demo-accounts'

/**
 * `npm run central:seed -- --url postgres://… --accounts N [--seed S]`: the demo Sevastopol city
 * written centrally the way real data arrives, as a billing export (docs/billing-import.md) applied by
 * the import. The same seed makes the same city; a second run changes nothing.
 */
export async function seedCentralDemo(url: string, count: number, seed = 1): Promise<string> {
  await migrateCentral(url)
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-demo-export-'))
  try {
    await writeDemoExport(dir, count, seed)
    const pool = new pg.Pool({ connectionString: url, max: 2 })
    try {
      const reports = await importBilling(pool, dir, { full: false })
      return reports
        .map((r) => `${r.file}: добавлено ${r.added}, изменено ${r.updated}, отклонено ${r.rejected.length}`)
        .join('; ')
    } finally {
      await pool.end()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function writeDemoExport(dir: string, count: number, seed: number): Promise<void> {
  const accounts = createWriteStream(join(dir, 'accounts.csv'))
  const meters = createWriteStream(join(dir, 'meters.csv'))
  const charges = createWriteStream(join(dir, 'charges.csv'))
  const payments = createWriteStream(join(dir, 'payments.csv'))
  const line = async (out: NodeJS.WritableStream, fields: (string | number | null)[]) => {
    if (!out.write(fields.map(csvField).join(';') + '\r\n')) await new Promise((r) => out.once('drain', r))
  }
  await line(accounts, [
    'account_number',
    'eirc_number',
    'surname',
    'first_name',
    'patronymic',
    'district',
    'street',
    'house',
    'building',
    'apartment',
    'phone',
    'email',
    'house_type',
    'opened_on',
    'closed_on',
  ])
  await line(meters, [
    'account_number',
    'serial',
    'place',
    'installed_on',
    'verification_due',
    'digits',
    'removed_on',
  ])
  await line(charges, ['account_number', 'period', 'service', 'amount'])
  await line(payments, ['payment_id', 'account_number', 'paid_on', 'amount', 'channel'])
  for (const demo of demoAccounts({ count, seed, untilPeriod: '2026-10', months: 24 })) {
    const a = demo.account
    await line(accounts, [
      a.number,
      a.eircNumber,
      a.surname,
      a.firstName,
      a.patronymic,
      a.district,
      a.street,
      a.house,
      a.building,
      a.apartment,
      a.phone,
      a.email,
      a.houseType === 'private' ? 'частный' : 'МКД',
      a.openedOn,
      a.closedOn,
    ])
    for (const m of demo.meters)
      await line(meters, [
        a.number,
        m.serial,
        m.place,
        m.installedOn,
        m.verificationDue,
        m.digits,
        m.removedOn,
      ])
    for (const c of demo.charges)
      await line(charges, [a.number, c.period, SERVICE_NAMES[c.service], roubles(c.amountKopecks)])
    for (const [n, p] of demo.payments.entries())
      await line(payments, [`${a.number}-${n + 1}`, a.number, p.paidOn, roubles(p.amountKopecks), p.channel])
  }
  await Promise.all(
    [accounts, meters, charges, payments].map(
      (out) => new Promise<void>((resolve) => out.end(() => resolve())),
    ),
  )
}

const SERVICE_NAMES = { water: 'водоснабжение', sewerage: 'водоотведение' } as const

/** 123456 → '1234,56', as a Russian export writes money. */
function roubles(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : ''
  const abs = Math.abs(kopecks)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

function csvField(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      accounts: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
    },
  })
  const url = values.url ?? process.env.CENTRAL_DATABASE_URL
  const count = Number(values.accounts)
  if (!url || !Number.isInteger(count) || count < 1) {
    console.error('Укажите базу и число счетов: npm run central:seed -- --url postgres://… --accounts 20000')
    process.exit(2)
  }
  console.log(await seedCentralDemo(url, count, Number(values.seed)))
}
