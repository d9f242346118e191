import { parseArgs } from 'node:util'
import { simulatePortal } from './portal/simulator'

/** `npm run portal:simulate -- --url postgres://… --minutes 5 --rate 120`: the website, writing as subscribers do. */
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    minutes: { type: 'string', default: '1' },
    rate: { type: 'string', default: '60' },
    seed: { type: 'string' },
  },
})
const url = values.url ?? process.env.CENTRAL_DATABASE_URL
if (!url) {
  console.error(
    'Укажите адрес центральной базы: npm run portal:simulate -- --url postgres://… --minutes M --rate R',
  )
  process.exit(2)
}
const report = await simulatePortal({
  url,
  minutes: Number(values.minutes),
  rate: Number(values.rate),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
})
console.log(
  `Отправлено: показаний ${report.submitted.reading}, регистраций ${report.submitted.registration}, ` +
    `обращений ${report.submitted.question}, заявлений ${report.submitted.request}; ` +
    `активировано кабинетов ${report.submitted.activation}, ответов абонентов ${report.submitted.reply}.`,
)
