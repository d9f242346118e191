import { parseArgs } from 'node:util'
import { migrateCentral } from './migrate'

/** `npm run central:migrate -- --url postgres://…`: applies what is missing, prints what it applied. */
const { values } = parseArgs({ options: { url: { type: 'string' } } })
const url = values.url ?? process.env.CENTRAL_DATABASE_URL
if (!url) {
  console.error('Укажите адрес центральной базы: npm run central:migrate -- --url postgres://…')
  process.exit(2)
}
const applied = await migrateCentral(url)
console.log(applied.length ? `Применены миграции: ${applied.join(', ')}` : 'Схема уже актуальна.')
