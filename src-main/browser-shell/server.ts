import { callerNumber } from '@shared/domain/incoming-call'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { ConsoleApp } from '../app'
import { readStaticFile } from './static-files'

/** The same policy the Electron window's page carries in its meta tag. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // blob: the document viewer shows a request's scanned images from memory, never from a file.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

// A request registered at the counter carries its scans: up to 48 MiB of files, as base64.
const MAX_BODY_BYTES = 72 * 1024 * 1024

export interface BrowserShell {
  /** Open this address; it carries the per-launch secret, which the page keeps for its calls. */
  url: string
  origin: string
  secret: string
  close(): Promise<void>
}

export interface BrowserShellOptions {
  app: ConsoleApp
  /** The built renderer (`out/renderer`). */
  staticDir: string
  port?: number
}

/**
 * A loopback-only host for development and end-to-end tests: the router behind HTTP and a WebSocket,
 * for callers that present the secret printed at launch. It is never part of the Electron build.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const secret = randomBytes(24).toString('base64url')
  let origin = ''
  const hasSecret = (candidate: string | null | undefined) =>
    !!candidate &&
    candidate.length === secret.length &&
    timingSafeEqual(Buffer.from(candidate), Buffer.from(secret))
  // A page on another site, or a DNS name rebound to 127.0.0.1, must not reach the router.
  // The page may be opened as 127.0.0.1 or as localhost: both are this loopback host.
  const fromOurPage = (req: IncomingMessage) =>
    allowedHosts(origin).includes(req.headers.host ?? '') &&
    (req.headers.origin === undefined ||
      allowedHosts(origin).some((host) => req.headers.origin === `http://${host}`))

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!fromOurPage(req)) return send(res, 403, 'text/plain', 'forbidden')
    if (req.url === '/api/invoke') {
      if (req.method !== 'POST' || !hasSecret(req.headers['x-console-secret'] as string | undefined))
        return send(res, 403, 'text/plain', 'forbidden')
      const body = await readBody(req)
      if (body === null) return send(res, 413, 'text/plain', 'too large')
      let request: { channel?: unknown; payload?: unknown; background?: unknown }
      try {
        request = JSON.parse(body) as typeof request
      } catch {
        request = {}
      }
      const auth = req.headers.authorization
      const result = await options.app.router.invoke({
        channel: String(request.channel),
        payload: request.payload,
        token: auth?.startsWith('Bearer ') ? auth.slice(7) : null,
        background: request.background === true,
      })
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result))
    }
    // A softphone's incoming call (docs/screen-pop.md), with the same per-launch secret as the page.
    if (req.url === '/api/incoming-call') {
      if (req.method !== 'POST' || !hasSecret(req.headers['x-console-secret'] as string | undefined))
        return send(res, 403, 'text/plain', 'forbidden')
      const body = await readBody(req)
      let asked: { phone?: unknown } = {}
      try {
        asked = JSON.parse(body ?? '') as typeof asked
      } catch {
        // Not JSON: no number, refused below.
      }
      const phone = callerNumber(String(asked.phone ?? ''))
      if (!phone) return send(res, 400, 'text/plain', 'not a telephone number')
      options.app.events.emit('call.incoming', { phone })
      return send(res, 204, 'text/plain', '')
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed')
    if (req.url?.startsWith('/api/download/')) return download(req, res)
    // A malformed escape ("/%E0%A4%A") is the caller's mistake, not the server's.
    try {
      decodeURIComponent(req.url ?? '/')
    } catch {
      return send(res, 400, 'text/plain', 'bad request')
    }
    const file = await readStaticFile(options.staticDir, req.url ?? '/')
    res.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-store')
    return send(res, 200, file.contentType, file.body)
  }

  /**
   * A finished export, as a download (the browser's own save): the per-launch secret proves the page,
   * the job's random id names the file, which leaves the console's folder once sent.
   */
  async function download(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin)
    if (!hasSecret(url.searchParams.get('secret'))) return send(res, 403, 'text/plain', 'forbidden')
    const jobId = decodeURIComponent(url.pathname.slice('/api/download/'.length))
    const file = await options.app.exports.file(jobId, null)
    if (!file) return send(res, 404, 'text/plain', 'not found')
    res.writeHead(200, {
      'Content-Type': file.mediaType,
      'Content-Length': file.sizeBytes,
      'Content-Disposition': `attachment; filename="export.${file.fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'no-store',
    })
    const stream = createReadStream(file.path)
    stream.pipe(res)
    await once(stream, 'close')
    options.app.exports.forget(jobId)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'error'))
  })
  const sockets = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname !== '/api/events' || !fromOurPage(req) || !hasSecret(url.searchParams.get('secret'))) {
      socket.destroy()
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const off = options.app.events.onContractEvent((event, data) =>
        ws.send(JSON.stringify({ event, data })),
      )
      ws.on('close', off)
    })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?secret=${secret}`,
    origin,
    secret,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function allowedHosts(origin: string): string[] {
  const port = new URL(origin).port
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer) {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
