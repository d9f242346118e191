import { parseArgs } from 'node:util'
import nodemailer from 'nodemailer'
import pg from 'pg'
import { deliverDueMail } from './deliver-mail'

/**
 * `npm run mailer -- --url postgres://… --smtp smtp://…`: delivers what the consoles queued, every
 * `--interval` seconds, until stopped; `--once` delivers what is due now and exits (for cron).
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    smtp: { type: 'string' },
    from: { type: 'string', default: 'ГУП «Водоканал» <noreply@vodokanal-sev.ru>' },
    interval: { type: 'string', default: '10' },
    once: { type: 'boolean', default: false },
  },
})
const url = values.url ?? process.env.CENTRAL_DATABASE_URL
const smtp = values.smtp ?? process.env.SMTP_URL
if (!url || !smtp) {
  console.error(
    'Укажите адреса: npm run mailer -- --url postgres://… --smtp smtp://пользователь:пароль@сервер:587',
  )
  process.exit(2)
}
const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'vodokanal mailer' })
const transport = nodemailer.createTransport(smtp)
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true))

do {
  try {
    const { sent, failed } = await deliverDueMail(pool, transport, { from: values.from })
    if (sent || failed) console.log(`Отправлено писем: ${sent}, не удалось: ${failed} (повтор позже).`)
  } catch (error) {
    console.error(`Центральная база недоступна: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!values.once) await new Promise((resolve) => setTimeout(resolve, Number(values.interval) * 1000))
} while (!values.once && !stopping)
transport.close()
await pool.end()
