import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import {
  CONSOLE_HEADER,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  signedText,
  TIME_HEADER,
  type ConsoleListAnswer,
  type DocumentAnswer,
  type StaffWorkAnswer,
  type EnrolAnswer,
  type FeedAnswer,
  type HealthAnswer,
  type InitialPageAnswer,
  type InitialStartAnswer,
  type PushAnswer,
  type PushedCommand,
  FEED_NAMES,
  type ServiceError,
  type SignInAnswer,
} from '@shared/central/api'
import type { FeedCursor } from '@shared/central/rows'

/** Where the service is and which certificate authority vouches for it (none: the system's). */
export interface ServiceEndpoint {
  url: string
  /** PEM of the utility's own CA, when it runs one. */
  caPem?: string | null
}

/** This console's enrolment: its id at the service and the private half of its key. */
export interface ConsoleIdentity {
  consoleId: string
  privateKey: KeyObject
}

/** The service answered, and said no: a code from the wire contract, never a stack trace. */
export class ServiceRefused extends Error {
  constructor(
    readonly status: number,
    readonly error: ServiceError,
  ) {
    super(`central service refused: ${error.code}`)
  }
}

/**
 * The console's only way to the central database (docs/central-service.md): HTTPS requests to
 * the service, each signed with this console's enrolment key. Keep-alive connections, so a push or a
 * pull costs one round trip.
 */
/** A request ready to go: its body serialised and, for the service, signed. */
export interface PreparedRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  text: string
  /** The body's SHA-256 for a signed request: its stamp and signature are made at each sending. */
  digest: string | null
}

export class CentralClient {
  private readonly agent: http.Agent
  private readonly base: URL
  /**
   * How far the service's clock stands ahead of this machine's, from the `Date` of its last answer
   * (to the second): times the service stamps (a claim's expiry) are read through it.
   */
  serviceAheadMs = 0

  constructor(
    readonly endpoint: ServiceEndpoint,
    private readonly identity: ConsoleIdentity | null,
    private readonly timeoutMs = 30_000,
  ) {
    this.base = new URL(endpoint.url)
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            maxSockets: 4,
            ...(endpoint.caPem ? { ca: endpoint.caPem } : {}),
          })
        : new http.Agent({ keepAlive: true, maxSockets: 4 })
  }

  get consoleId(): string | null {
    return this.identity?.consoleId ?? null
  }

  health(): Promise<HealthAnswer> {
    return this.request('GET', '/v1/health', null, false)
  }

  enrol(body: {
    consoleName: string
    publicKey: string
    login: string
    password: string
  }): Promise<EnrolAnswer> {
    return this.request('POST', '/v1/consoles/enrol', body, false)
  }

  initialStart(currentPeriod: string): Promise<InitialStartAnswer> {
    return this.request('POST', '/v1/initial/start', { currentPeriod })
  }

  initialPage(body: {
    step: number
    fromPeriod: string
    after: (string | number)[] | null
    limit: number
  }): Promise<InitialPageAnswer> {
    return this.request('POST', '/v1/initial/page', { ...body, names: FEED_NAMES })
  }

  feed(cursor: FeedCursor, limit: number): Promise<FeedAnswer> {
    return this.request('POST', '/v1/feed', { cursor, limit, names: FEED_NAMES })
  }

  push(commands: PushedCommand[]): Promise<PushAnswer> {
    return this.send(this.preparePush(commands, null))
  }

  /**
   * A push serialised and signed ahead of time. `after`: the last command of the batch this one
   * follows, which the service applies first.
   */
  preparePush(commands: PushedCommand[], after: string | null): PreparedRequest {
    return this.prepare('POST', '/v1/push', { commands, after }, true)
  }

  /**
   * `key`: the public half of the key made for this person at this sign-in, to register, with the
   * console's clock at that moment.
   */
  signIn(
    login: string,
    password: string,
    key?: { personKey: string; consoleClock: string },
  ): Promise<SignInAnswer> {
    // Short: a person is waiting, and offline sign-in is the answer when the service is away.
    return this.request('POST', '/v1/staff/sign-in', { login, password, ...key }, true, 8_000)
  }

  /** Ends a person's central session (their sign-out); short, a person is waiting. */
  signOut(token: string): Promise<{ signedOut: boolean }> {
    return this.request('POST', '/v1/staff/sign-out', { token }, true, 5_000)
  }

  /** `token`: the supervisor's, from their online sign-in on this console. */
  listConsoles(token: string): Promise<ConsoleListAnswer> {
    return this.request('POST', '/v1/consoles/list', { token })
  }

  /** One document of a request; `token`: the clerk's, from their online sign-in on this console. */
  readDocument(token: string, documentId: number): Promise<DocumentAnswer> {
    return this.request('POST', '/v1/requests/document', { token, documentId })
  }

  /** Staff productivity between two instants, read by the service from the central audit trail. */
  staffWork(token: string, from: string, to: string): Promise<StaffWorkAnswer> {
    return this.request('POST', '/v1/reports/staff', { token, from, to })
  }

  revokeConsole(token: string, consoleId: string): Promise<{ revoked: boolean }> {
    return this.request('POST', '/v1/consoles/revoke', { token, consoleId })
  }

  /** Signs `text` with this console's key: the live connection answers the service's challenge so. */
  sign(text: string): string {
    if (!this.identity) throw new ServiceRefused(401, { code: 'CONSOLE_NOT_ENROLLED' })
    return sign(null, Buffer.from(text), this.identity.privateKey).toString('base64')
  }

  close(): void {
    this.agent.destroy()
  }

  private request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signed = true,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    return this.send(this.prepare(method, path, body, signed), timeoutMs)
  }

  private prepare(method: 'GET' | 'POST', path: string, body: unknown, signed: boolean): PreparedRequest {
    const text = body === null ? '' : JSON.stringify(body)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== null) headers['content-type'] = 'application/json'
    if (signed) headers[CONSOLE_HEADER] = this.identity?.consoleId ?? ''
    const digest = signed ? createHash('sha256').update(text).digest('hex') : null
    return { method, path, headers, text, digest }
  }

  /**
   * The headers of one sending: a signed request gets a fresh time (in the service's time as this
   * console reckons it) and nonce, under its signature, so a copy of it cannot be sent again.
   */
  private headersFor(prepared: PreparedRequest): Record<string, string> {
    if (prepared.digest === null) return prepared.headers
    const stamp = {
      at: new Date(Date.now() + this.serviceAheadMs).toISOString(),
      nonce: randomBytes(16).toString('base64url'),
    }
    return {
      ...prepared.headers,
      [TIME_HEADER]: stamp.at,
      [NONCE_HEADER]: stamp.nonce,
      [SIGNATURE_HEADER]: this.sign(signedText(prepared.method, prepared.path, prepared.digest, stamp)),
    }
  }

  async send<T>(prepared: PreparedRequest, timeoutMs = this.timeoutMs): Promise<T> {
    try {
      return await this.sendOnce<T>(prepared, timeoutMs)
    } catch (error) {
      // A kept-alive connection the service closed just as this request went out: the request never
      // reached it (Node's documented race for `reusedSocket`), so it goes once more on a new one. A
      // request whose time the service found off by more than the window goes once more too: its
      // answer's Date has just set this console's reckoning of the service's clock.
      const again =
        error instanceof StaleConnection ||
        (error instanceof ServiceRefused && error.error.code === 'REQUEST_TIME' && prepared.digest !== null)
      if (!again) throw error
      return this.sendOnce<T>(prepared, timeoutMs)
    }
  }

  private sendOnce<T>(prepared: PreparedRequest, timeoutMs: number): Promise<T> {
    const { method, path, text } = prepared
    const headers = this.headersFor(prepared)
    const transport = this.base.protocol === 'https:' ? https : http
    return new Promise<T>((resolve, reject) => {
      const req = transport.request(
        new URL(path, this.base),
        { method, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown
            try {
              parsed = raw ? JSON.parse(raw) : {}
            } catch {
              return reject(new Error(`central service: unreadable answer (HTTP ${res.statusCode})`))
            }
            const status = res.statusCode ?? 0
            const serviceDate = Date.parse(res.headers.date ?? '')
            if (!Number.isNaN(serviceDate)) this.serviceAheadMs = serviceDate - Date.now()
            if (status >= 200 && status < 300) return resolve(parsed as T)
            reject(new ServiceRefused(status, parsed as ServiceError))
          })
        },
      )
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error('central service timeout'), { code: 'ETIMEDOUT' })),
      )
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleConnection() : error),
      )
      req.end(text)
    })
  }
}

/** The kept-alive connection a request went out on had been closed by the service. */
class StaleConnection extends Error {
  constructor() {
    super('central service closed a kept-alive connection')
  }
}
