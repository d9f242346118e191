import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startCentralService } from './server'

/**
 * `npm run central:serve -- --db URL --listen HOST:PORT --tls-cert F --tls-key F`: the central
 * service. `--insecure-http` (loopback only) is for development without certificates.
 * The database URL may also come from CENTRAL_DATABASE_URL, so it stays out of the process list.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    listen: { type: 'string', default: '127.0.0.1:8443' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'insecure-http': { type: 'boolean', default: false },
    log: { type: 'boolean', default: false },
  },
})
const databaseUrl = values.db ?? process.env.CENTRAL_DATABASE_URL
if (!databaseUrl) {
  console.error('Укажите центральную базу: --db postgres://… или переменная CENTRAL_DATABASE_URL')
  process.exit(2)
}
const colon = values.listen.lastIndexOf(':')
const host = values.listen.slice(0, colon).replace(/^\[|\]$/g, '')
const port = Number(values.listen.slice(colon + 1))
const certFile = values['tls-cert']
const keyFile = values['tls-key']
if (Boolean(certFile) !== Boolean(keyFile)) {
  console.error('Нужны оба файла: --tls-cert и --tls-key.')
  process.exit(2)
}
try {
  const service = await startCentralService({
    databaseUrl,
    host,
    port,
    tls: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null,
    insecureHttp: values['insecure-http'],
    log: values.log,
  })
  console.log(`Центральная служба «Водоканал» слушает ${service.url}`)
  const stop = async () => {
    await service.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
