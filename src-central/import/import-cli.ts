import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { importBilling } from './import-billing'

/**
 * `npm run central:import -- --url postgres://… --dir DIR [--full] [--report FILE]`: applies the
 * billing system's export in DIR (docs/billing-import.md). Prints what each file added, changed and
 * closed, and every refused row as "file:line: reason"; `--report` also writes them as CSV.
 * Exit 0: everything read was taken; 1: some rows or files were refused; 2: wrong arguments.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    dir: { type: 'string' },
    full: { type: 'boolean', default: false },
    report: { type: 'string' },
  },
})
const url = values.url ?? process.env.CENTRAL_DATABASE_URL
if (!url || !values.dir) {
  console.error(
    'Укажите базу и папку выгрузки: npm run central:import -- --url postgres://… --dir ПАПКА [--full]',
  )
  process.exit(2)
}
const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'vodokanal-import' })
const started = performance.now()
try {
  const reports = await importBilling(pool, values.dir, { full: values.full })
  if (reports.length === 0) {
    console.error(`В папке ${values.dir} нет файлов accounts.csv/.xlsx или meters.csv/.xlsx.`)
    process.exitCode = 2
  }
  for (const r of reports) {
    if (r.refused) console.log(`${r.file}: не принят — ${r.refused}`)
    else
      console.log(
        `${r.file}: прочитано ${r.read}, добавлено ${r.added}, изменено ${r.updated}, ` +
          `${values.full ? `закрыто ${r.closed}, ` : ''}отклонено ${r.rejected.length}`,
      )
    for (const row of r.rejected) console.log(`  ${row.file}:${row.line}: ${row.reason}`)
  }
  if (values.report)
    writeFileSync(
      values.report,
      '\uFEFFфайл;строка;причина\n' +
        reports
          .flatMap((r) => r.rejected)
          .map((row) => `${row.file};${row.line};"${row.reason.replace(/"/g, '""')}"`)
          .join('\n') +
        '\n',
    )
  console.log(`Готово за ${((performance.now() - started) / 1000).toFixed(1)} с.`)
  if (reports.some((r) => r.refused || r.rejected.length > 0)) process.exitCode = 1
} finally {
  await pool.end()
}
