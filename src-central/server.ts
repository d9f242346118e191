import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyRequest } from 'fastify'
import type pg from 'pg'
import type { z } from 'zod'
import {
  actorRequest,
  CONSOLE_HEADER,
  documentRequest,
  staffWorkRequest,
  enrolRequest,
  signInRequest,
  feedRequest,
  initialPageRequest,
  initialStartRequest,
  liveClientMessage,
  pushRequest,
  revokeRequest,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  TIME_HEADER,
  type DocumentAnswer,
  type StaffWorkAnswer,
  type HealthAnswer,
  type LiveServerMessage,
  type ServiceError,
  type SignInAnswer,
} from '@shared/central/api'
import { channels, refusedFields } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import { PasswordHasher } from '../src-main/modules/staff/password-hash'
import {
  enrolConsole,
  issueStaffToken,
  listConsoles,
  requireStaff,
  requireSupervisor,
  revokeStaffToken,
  revokeConsole,
  ServiceRefusal,
  verifyConsoleRequest,
  verifySignature,
  assertConsoleActive,
  inTransaction,
} from './auth/consoles'
import { switchDueOwners } from './accounts/owner-switches'
import { registerPersonKey } from './auth/person-keys'
import {
  checkEnrolmentCredentials,
  checkStaffCredentials,
  DEFAULT_SIGN_IN_POLICY,
  type SignInPolicy,
} from './auth/staff-credentials'
import { applyPushedBatch, PushOutOfOrder } from './commands/apply-batch'
import { readDocument } from './commands/request-documents'
import { createCentralPool } from './db/connection'
import { centralMigrations } from './db/migrations'
import { readFeedJson } from './feed/change-feed'
import { readInitialPage, startInitialCopy } from './feed/initial-copy'
import { speaksOldNames } from './feed/old-feed-names'
import { LiveNotifier } from './feed/live-notifier'
import { decideWebsiteResets } from './portal/password-resets'
import { staffWork } from './reports/staff-work'

export interface CentralServiceConfig {
  databaseUrl: string
  host?: string
  /** 0 picks a free port (tests). */
  port?: number
  /** PEM certificate chain and key; required unless `insecureHttp`. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null
  /** Plain HTTP: development only, and only on a loopback address. */
  insecureHttp?: boolean
  /** scrypt cost for staff passwords; below the OWASP default only in tests. */
  passwordHashLogN?: number
  signInPolicy?: Partial<SignInPolicy>
  /** How long a staff token from an online sign-in lasts: a console session's absolute lifetime. */
  staffTokenLifetimeMs?: number
  poolSize?: number
  log?: boolean
  /** How often the website's password-reset requests are looked at; 2 s by default. */
  resetPollMs?: number
  /**
   * "Now" for judging a command's time (docs/central-service.md#proof-of-person): the database's clock
   * unless given. Tests whose consoles live through hours in a second move it with them.
   */
  clock?: { now(): Date }
  /** How many password checks each door takes per window; the product's `DOOR_LIMITS` unless given. */
  doorLimits?: Partial<DoorLimits>
}

interface DoorLimit {
  max: number
  timeWindowMs: number
}
type DoorLimits = Record<'enrol' | 'signIn', DoorLimit>

/**
 * The doors that check a password (docs/central-service.md#the-doors-rate-limits): enrolment, which is
 * anonymous, by source address; a console's sign-in by address and console together, so an anonymous
 * flood from a console's own address never shuts its staff out.
 */
export const DOOR_LIMITS: DoorLimits = {
  enrol: { max: 10, timeWindowMs: 60_000 },
  signIn: { max: 30, timeWindowMs: 60_000 },
}

/**
 * How long a refusal past a door's limit is held before it is sent
 * (docs/central-service.md#the-doors-rate-limits): a client that waits for each answer, as a scripted
 * flood does, is slowed to one try a second per connection, and a held answer costs a timer, not a core.
 */
export const DOOR_REFUSAL_DELAY_MS = 1_000

export interface CentralService {
  /** `https://127.0.0.1:PORT` (or http:// in development). */
  url: string
  pool: pg.Pool
  close(): Promise<void>
}

/** Who may read a request's documents: whoever may open the request on a console. */
const DOCUMENT_READERS = channels['requests.open'].access as readonly string[]

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: string
    consoleId: string
  }
}

/** A request registered at the counter carries its scans (48 MiB at most, base64 in JSON). */
const BODY_LIMIT_BYTES = 72 * 1024 * 1024

/**
 * What the caller got wrong, answered 4xx with a contract code (docs/central-service.md#errors): a
 * body over the limit, one the HTTP layer could not read, a value the database cannot hold (a cursor
 * of 40 digits). 503 stays for a service or database that is really away: consoles read it as such.
 */
function callersFault(error: unknown): { status: number; error: ServiceError } | null {
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, error: { code: 'TOO_LARGE', params: { limitBytes: BODY_LIMIT_BYTES } } }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return { status: 400, error: { code: 'INVALID_REQUEST' } }
  // PostgreSQL's class 22, "data exception": a value out of range or of the wrong form.
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code))
    return { status: 400, error: { code: 'INVALID_REQUEST' } }
  return null
}

/**
 * The central service's composition root (docs/central-service.md): the one process that
 * holds the central database's credential. Consoles reach it over HTTPS and one WebSocket each; every
 * request but `health` and `enrol` is signed by an enrolled console's key. Nothing in an instance's
 * memory is needed by another: several may serve one database.
 */
export async function startCentralService(config: CentralServiceConfig): Promise<CentralService> {
  const host = config.host ?? '127.0.0.1'
  if (!config.tls && !config.insecureHttp)
    throw new Error('Central service: a TLS certificate and key are required (--tls-cert, --tls-key).')
  if (!config.tls && !LOOPBACK.test(host))
    throw new Error('Central service: plain HTTP is allowed on a loopback address only.')

  const pool = createCentralPool(config.databaseUrl, config.poolSize)
  const hasher = new PasswordHasher(config.passwordHashLogN)
  const policy = { ...DEFAULT_SIGN_IN_POLICY, ...config.signInPolicy }
  const tokenLifetimeMs = config.staffTokenLifetimeMs ?? 12 * 3_600_000
  const notifier = new LiveNotifier(config.databaseUrl)
  const doors = { ...DOOR_LIMITS, ...config.doorLimits }
  const anonymousChecks = oneAtATime()
  const limits = {
    enrol: { max: doors.enrol.max, timeWindow: doors.enrol.timeWindowMs },
    signIn: {
      max: doors.signIn.max,
      timeWindow: doors.signIn.timeWindowMs,
      keyGenerator: (request: FastifyRequest) => `${request.ip} ${header(request, CONSOLE_HEADER) ?? ''}`,
    },
  }
  const app = Fastify({
    logger: config.log ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
  })
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } })
  // Per door, not global: only the routes that check a password carry a limit
  // (docs/central-service.md#the-doors-rate-limits). A refusal costs microseconds and spends no hash.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ServiceRefusal(429, {
        code: 'TOO_MANY_REQUESTS',
        params: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      }),
  })
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 429) await new Promise((resolve) => setTimeout(resolve, DOOR_REFUSAL_DELAY_MS))
  })

  // The raw text is kept: a console's signature covers the body's exact bytes.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = String(body)
    try {
      done(null, body === '' ? {} : JSON.parse(String(body)))
    } catch {
      done(new ServiceRefusal(400, { code: 'INVALID_REQUEST' }), undefined)
    }
  })

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ServiceRefusal) return reply.code(error.status).send(error.error)
    const fault = callersFault(error)
    if (fault) return reply.code(fault.status).send(fault.error)
    app.log.error(error)
    if (process.env.CENTRAL_DEBUG) console.error(error)
    // The database away is the consoles' "server unreachable", not a defect of theirs.
    return reply.code(503).send({ code: 'UNAVAILABLE' } satisfies ServiceError)
  })

  const parse = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      const fields = refusedFields(parsed.error, '(body)')
      throw new ServiceRefusal(400, { code: 'INVALID_REQUEST', params: { fields } })
    }
    return parsed.data
  }

  const signed = async (request: FastifyRequest) => {
    request.consoleId = await verifyConsoleRequest(pool, {
      consoleId: header(request, CONSOLE_HEADER),
      signature: header(request, SIGNATURE_HEADER),
      at: header(request, TIME_HEADER),
      nonce: header(request, NONCE_HEADER),
      method: request.method,
      path: request.url,
      body: request.rawBody ?? '',
    })
  }

  app.get('/v1/health', async (): Promise<HealthAnswer> => {
    const latest = centralMigrations[centralMigrations.length - 1]!.name
    const { rows } = await pool
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM migrations WHERE name = $1`, [latest])
      .catch(() => ({ rows: [{ n: 0 }] }))
    return { service: 'vodokanal-central', api: 'v1', schema: rows[0]!.n ? 'ready' : 'notMigrated' }
  })

  app.post('/v1/consoles/enrol', { config: { rateLimit: limits.enrol } }, async (request) => {
    const body = parse(enrolRequest, request.body)
    // Anonymous password checks take turns: however many get past the limit, they hold one core at
    // most, and staff signing in on enrolled consoles keep the rest.
    const check = await anonymousChecks.run(() =>
      checkEnrolmentCredentials(pool, hasher, { login: body.login, password: body.password }),
    )
    if (!check.ok)
      throw new ServiceRefusal(403, {
        code: check.code,
        ...(check.until ? { params: { until: check.until } } : {}),
      })
    if (check.staff.role !== 'supervisor') throw new ServiceRefusal(403, { code: 'FORBIDDEN' })
    // A supervisor still on a password someone gave them changes it first, then enrols.
    if (check.staff.mustChangePassword) throw new ServiceRefusal(403, { code: 'PASSWORD_CHANGE_REQUIRED' })
    const consoleId = await enrolConsole(pool, {
      consoleName: body.consoleName,
      publicKey: body.publicKey,
      supervisorLogin: check.staff.login,
    })
    return { consoleId }
  })

  app.register(async (scope) => {
    scope.addHook('preHandler', signed)
    scope.post('/v1/initial/start', async (request) =>
      startInitialCopy(pool, parse(initialStartRequest, request.body).currentPeriod),
    )
    scope.post('/v1/initial/page', async (request) =>
      readInitialPage(pool, parse(initialPageRequest, request.body)),
    )
    scope.post('/v1/feed', async (request, reply) => {
      const body = parse(feedRequest, request.body)
      return reply
        .type('application/json')
        .send(await readFeedJson(pool, body.cursor, body.limit, speaksOldNames(body)))
    })
    scope.post('/v1/push', async (request) => {
      const body = parse(pushRequest, request.body)
      try {
        return await applyPushedBatch(pool, request.consoleId, body.commands, body.after, {
          clock: config.clock,
          acceptsPasswordHash: (hash) => hasher.acceptsStored(hash),
        })
      } catch (error) {
        if (error instanceof PushOutOfOrder) throw new ServiceRefusal(409, { code: 'PUSH_OUT_OF_ORDER' })
        throw error
      }
    })
    scope.post('/v1/staff/sign-in', { config: { rateLimit: limits.signIn } }, async (request) => {
      const body = parse(signInRequest, request.body)
      const check = await checkStaffCredentials(pool, hasher, policy, {
        login: body.login,
        password: body.password,
        consoleId: request.consoleId,
      })
      if (!check.ok)
        throw new ServiceRefusal(403, {
          code: check.code,
          ...(check.until ? { params: { until: check.until } } : {}),
        })
      if (body.personKey) {
        const key = {
          login: check.staff.login,
          consoleId: request.consoleId,
          publicKey: body.personKey,
          consoleClock: body.consoleClock,
        }
        await registerPersonKey(pool, key)
      }
      const issued = await issueStaffToken(pool, check.staff.login, request.consoleId, tokenLifetimeMs)
      return { staff: check.staff, ...issued } satisfies SignInAnswer
    })
    // A person's sign-out ends their central session at once, not when its 12 hours run out.
    scope.post('/v1/staff/sign-out', async (request) => {
      const body = parse(actorRequest, request.body)
      return { signedOut: await revokeStaffToken(pool, body.token, request.consoleId) }
    })
    scope.post('/v1/requests/document', async (request): Promise<DocumentAnswer> => {
      const body = parse(documentRequest, request.body)
      await requireStaff(pool, body.token, request.consoleId, DOCUMENT_READERS)
      const document = await readDocument(pool, body.documentId)
      if (!document) throw new ServiceRefusal(404, { code: 'NOT_FOUND', params: { what: 'document' } })
      return {
        fileName: document.file_name,
        mediaType: document.media_type,
        content: document.content.toString('base64'),
      }
    })
    scope.post('/v1/reports/staff', async (request): Promise<StaffWorkAnswer> => {
      const body = parse(staffWorkRequest, request.body)
      await requireSupervisor(pool, body.token, request.consoleId)
      return staffWork(pool, body.from, body.to)
    })
    scope.post('/v1/consoles/list', async (request) => {
      await requireSupervisor(pool, parse(actorRequest, request.body).token, request.consoleId)
      return listConsoles(pool)
    })
    scope.post('/v1/consoles/revoke', async (request) => {
      const body = parse(revokeRequest, request.body)
      const supervisor = await requireSupervisor(pool, body.token, request.consoleId)
      await revokeConsole(pool, body.consoleId, supervisor)
      return { revoked: true }
    })
  })

  app.get('/v1/live', { websocket: true }, (socket) => {
    const nonce = randomBytes(32).toString('base64')
    let consoleId: string | null = null
    let unsubscribe: (() => void) | null = null
    const sendText = (text: string) => {
      if (socket.readyState === socket.OPEN) socket.send(text)
    }
    const send = (message: LiveServerMessage) => sendText(JSON.stringify(message))
    const fail = (requestId: number | null, error: unknown) => {
      const refusal =
        error instanceof ServiceRefusal
          ? error.error
          : (callersFault(error)?.error ?? ({ code: 'UNAVAILABLE' } as const))
      send({ type: 'error', requestId, error: refusal })
      if (error instanceof ServiceRefusal && error.status !== 400) socket.close(4003, refusal.code)
    }
    send({ type: 'challenge', nonce })
    socket.on('message', (data) => {
      let message: z.output<typeof liveClientMessage>
      try {
        message = parse(liveClientMessage, JSON.parse(String(data)))
      } catch (error) {
        return fail(null, error)
      }
      if (message.type === 'auth') {
        verifySignature(pool, message.consoleId, `LIVE\n${nonce}`, message.signature).then(
          () => {
            consoleId = message.consoleId
            unsubscribe ??= notifier.subscribe(() => send({ type: 'changed' }))
            send({ type: 'ready' })
          },
          (error: unknown) => fail(null, error),
        )
        return
      }
      if (!consoleId)
        return fail(message.requestId, new ServiceRefusal(401, { code: 'CONSOLE_NOT_ENROLLED' }))
      // Every page re-checks the console, so a revocation cuts a live connection at its next read.
      const id = consoleId
      assertConsoleActive(pool, id)
        .then(() =>
          readFeedJson(pool, message.request.cursor, message.request.limit, speaksOldNames(message.request)),
        )
        .then(
          // The page is JSON text already (`readFeedJson`): spliced in, not parsed and written again.
          (page) => sendText(`{"type":"page","requestId":${message.requestId},"page":${page}}`),
          (error: unknown) => fail(message.requestId, error),
        )
    })
    socket.on('close', () => unsubscribe?.())
  })

  await notifier.start()
  const logError = (error: unknown) => app.log.error(error)
  const resets = repeatEvery(config.resetPollMs ?? 2_000, () => decideWebsiteResets(pool), logError)
  // Re-registrations dated after their completion take effect on their day; hourly is soon enough
  // for a change of owner, and the first round runs at start.
  const ownerSwitches = repeatEvery(
    3_600_000,
    () => inTransaction(pool, (client) => switchDueOwners(client, moscowDate(new Date()))),
    logError,
    { atOnce: true },
  )

  await app.listen({ host, port: config.port ?? 0 })
  const { port } = app.server.address() as AddressInfo
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `${config.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    pool,
    close: async () => {
      await resets.stop()
      await ownerSwitches.stop()
      await notifier.stop()
      await app.close()
      await pool.end()
    },
  }
}

/**
 * Runs `task` every `everyMs` (and at once when asked), one round at a time: a round still running (a
 * slow database) is not joined by another; a failed one is logged and the next tries again.
 */
function repeatEvery(
  everyMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
  options: { atOnce?: boolean } = {},
) {
  let round: Promise<unknown> | null = null
  const run = () => {
    round ??= task()
      .catch(onError)
      .finally(() => (round = null))
  }
  const timer = setInterval(run, everyMs)
  if (options.atOnce) run()
  return {
    stop: async () => {
      clearInterval(timer)
      await round
    },
  }
}

/** Runs the tasks given one after another, in the order given. */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve()
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const next = last.then(task, task)
      last = next.catch(() => undefined)
      return next
    },
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}
