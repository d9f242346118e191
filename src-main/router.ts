import {
  channels,
  isChannelName,
  refusedFields,
  type Access,
  type ChannelName,
  type ChannelOutput,
  type InvokeResult,
  type IsPublic,
  type ParsedInput,
} from '@shared/contract'
import { AppError } from './errors'
import type { Session, SessionStore } from './modules/auth/sessions'

/**
 * What a handler knows of its caller. The router has checked the channel's access before the handler
 * runs, so a handler of any channel but a public one has a session, and its type says so.
 */
export interface CallContext<C extends ChannelName = ChannelName> {
  /** The caller's session; null only on public channels called before sign-in. */
  session: IsPublic<C> extends true ? Session | null : Session
}

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: CallContext<C>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>

export type Handlers<C extends ChannelName> = { [K in C]: Handler<K> }

export interface InvokeRequest {
  channel: string
  payload: unknown
  /** The session token the renderer got from sign-in, if any. */
  token?: string | null
  /**
   * Made by a timer, not by the person (a claim kept alive, a count refreshed): it must not keep the
   * session awake, or the idle lock would never come while a registration is open.
   */
  background?: boolean
}

export interface Router {
  invoke(request: InvokeRequest): Promise<InvokeResult<unknown>>
}

export interface RouterLogger {
  info?(message: string): void
  error(message: string, error: unknown): void
}

/**
 * The single door (docs/architecture.md): every call from either shell passes here. Order matters:
 * the caller is identified and authorised before the payload is even looked at, so an anonymous
 * caller learns nothing about a channel's schema.
 */
export function createRouter(deps: {
  handlers: Handlers<ChannelName>
  sessions: SessionStore
  logger: RouterLogger
  /** Development and tests: an answer that does not match its output schema is a failure, not data. */
  checkOutputs?: boolean
}): Router {
  const { handlers, sessions, logger } = deps

  async function invoke(request: InvokeRequest): Promise<InvokeResult<unknown>> {
    const name = request.channel
    if (typeof name !== 'string' || !isChannelName(name)) {
      return fail('UNKNOWN_CHANNEL', { channel: String(name).slice(0, 100) })
    }
    const def = channels[name]
    try {
      const session = sessions.resolve(request.token)
      const denied = checkAccess(def.access, session)
      if (denied) return { ok: false, error: denied }

      const parsed = def.input.safeParse(inNfc(request.payload ?? {}))
      if (!parsed.success) {
        return fail('INVALID_INPUT', { fields: refusedFields(parsed.error, '(payload)') })
      }
      if (session && !session.locked && !request.background) sessions.touch(session)
      const handler = handlers[name] as Handler<typeof name>
      const data = await handler(parsed.data as never, { session } as CallContext<typeof name>)
      if (deps.checkOutputs) {
        const checked = def.output.safeParse(data)
        if (!checked.success) {
          const fields = refusedFields(checked.error, '(answer)')
          throw new Error(`the answer of ${name} does not match its output schema: ${fields}`)
        }
      }
      return { ok: true, data }
    } catch (error) {
      if (error instanceof AppError) {
        // The refusal's code says what happened; its parameters may name a subscriber and stay out.
        logger.info?.(`channel ${name} refused: ${error.code}`)
        return fail(error.code, error.params)
      }
      logger.error(`channel ${name} failed`, error)
      return fail('INTERNAL')
    }
  }

  return { invoke }
}

function checkAccess(access: Access, session: Session | null) {
  if (access === 'public') return null
  if (!session) return { code: 'NOT_SIGNED_IN' as const }
  if (access === 'lockedSession') return null
  if (session.locked) return { code: 'SESSION_LOCKED' as const }
  if (access === 'ownPassword') return null
  if (session.mustChangePassword) return { code: 'PASSWORD_CHANGE_REQUIRED' as const }
  if (access === 'signedIn') return null
  return access.includes(session.staff.role) ? null : { code: 'FORBIDDEN' as const }
}

function fail(code: AppError['code'], params?: AppError['params']): InvokeResult<never> {
  return { ok: false, error: params && Object.keys(params).length ? { code, params } : { code } }
}

/** Longer strings are never typed by a person (a scan's base64): normalising them would only cost. */
const TYPED_TEXT_MAX = 100_000

/**
 * Every text a person typed, in Unicode NFC (docs/business-rules.md#personal-data): "й" typed as
 * "и" + U+0306 is the "й" stored and compared everywhere, so a surname check or a search never fails
 * on how a keyboard or a paste composed the letter.
 */
function inNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.length <= TYPED_TEXT_MAX ? value.normalize('NFC') : value
  if (Array.isArray(value)) return value.map(inNfc)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, inNfc(v)]))
  return value
}
