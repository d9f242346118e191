import { parseArgs } from 'node:util'
import pg from 'pg'
import { verifyAudit } from './verify-audit'

/**
 * `npm run central:verify-audit -- --db postgres://…`: exit 0 when the central audit trail is whole,
 * 1 with the first broken row when something was edited or removed.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, url: { type: 'string' } } })
const url = values.db ?? values.url ?? process.env.CENTRAL_DATABASE_URL
if (!url) {
  console.error('Укажите центральную базу: npm run central:verify-audit -- --db postgres://…')
  process.exit(2)
}
const client = new pg.Client({ connectionString: url })
await client.connect()
try {
  const verdict = await verifyAudit(client)
  if (verdict.broken) {
    const why = { gap: 'запись удалена', prevHash: 'цепочка разорвана', hash: 'запись изменена' }
    console.error(
      `Журнал аудита повреждён: запись № ${verdict.broken.seq} — ${why[verdict.broken.reason]}` +
        ` (проверено до неё записей: ${verdict.rows}).`,
    )
    process.exitCode = 1
  } else console.log(`Журнал аудита цел: ${verdict.rows} записей, цепочка хешей сходится.`)
} finally {
  await client.end()
}
