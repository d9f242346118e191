import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { verifyAudit, type AuditHead } from './verify-audit'

/**
 * `npm run central:verify-audit -- --db postgres://… [--witness FILE]`: exit 0 when the central audit
 * trail is whole, 1 with the first broken row when something was edited or removed. The chain alone
 * catches any change but one: rows cut off its end. `--witness` keeps each run's last row in a file
 * that lives away from the database server (run it from cron on another machine); the next run
 * checks that row is still there, unchanged.
 */
const { values } = parseArgs({
  options: { db: { type: 'string' }, url: { type: 'string' }, witness: { type: 'string' } },
})
const url = values.db ?? values.url ?? process.env.CENTRAL_DATABASE_URL
if (!url) {
  console.error('Укажите центральную базу: npm run central:verify-audit -- --db postgres://…')
  process.exit(2)
}
const client = new pg.Client({ connectionString: url })
await client.connect()
try {
  const witnessFile = values.witness
  const lines =
    witnessFile && existsSync(witnessFile) ? readFileSync(witnessFile, 'utf8').trim().split('\n') : []
  const [seq, hash] = (lines[lines.length - 1] ?? '').split(' ')
  const witness: AuditHead | null = seq && hash ? { seq, hash } : null
  const verdict = await verifyAudit(client, { witness })
  if (verdict.broken) {
    const why = {
      gap: 'запись удалена',
      prevHash: 'цепочка разорвана',
      hash: 'запись изменена',
      truncated: 'журнал укорочен: этой записи, виденной раньше, больше нет',
    }
    console.error(
      `Журнал аудита повреждён: запись № ${verdict.broken.seq} — ${why[verdict.broken.reason]}` +
        ` (проверено до неё записей: ${verdict.rows}).`,
    )
    process.exitCode = 1
  } else {
    console.log(`Журнал аудита цел: ${verdict.rows} записей, цепочка хешей сходится.`)
    if (witnessFile && verdict.head) appendFileSync(witnessFile, `${verdict.head.seq} ${verdict.head.hash}\n`)
  }
} finally {
  await client.end()
}
