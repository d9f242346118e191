import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ContractError,
  ContractEvents,
  EventName,
  InvokeResult,
} from '@shared/contract'

/** How a call reaches the main process. Only this file knows which shell the page runs in. */
interface Transport {
  invoke(
    channel: string,
    payload: unknown,
    token: string | null,
    background: boolean,
  ): Promise<InvokeResult<unknown>>
  subscribe(listener: (event: string, data: unknown) => void): () => void
}

/** What Electron's preload exposes is exactly a transport. */
type PreloadApi = Transport

declare global {
  interface Window {
    vodokanal?: PreloadApi
  }
}

export class BridgeError extends Error {
  constructor(readonly error: ContractError) {
    super(error.code)
  }
  get code() {
    return this.error.code
  }
}

const SECRET_KEY = 'vodokanal.secret'
const TOKEN_KEY = 'vodokanal.session'

/** The browser shell hands the per-launch secret in the address once; the tab keeps it. */
function browserSecret(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('secret')
  if (fromUrl) {
    sessionStorage.setItem(SECRET_KEY, fromUrl)
    url.searchParams.delete('secret')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  }
  return sessionStorage.getItem(SECRET_KEY) ?? ''
}

function httpTransport(): Transport {
  const secret = browserSecret()
  return {
    async invoke(channel, payload, token, background) {
      try {
        const response = await fetch('/api/invoke', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Console-Secret': secret,
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ channel, payload, background }),
        })
        if (!response.ok)
          return { ok: false, error: { code: response.status === 403 ? 'FORBIDDEN' : 'UNREACHABLE' } }
        return (await response.json()) as InvokeResult<unknown>
      } catch {
        return { ok: false, error: { code: 'UNREACHABLE' } }
      }
    },
    subscribe(listener) {
      let socket: WebSocket | null = null
      let stopped = false
      const connect = () => {
        const url = new URL('/api/events', window.location.href)
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
        url.searchParams.set('secret', secret)
        socket = new WebSocket(url)
        socket.onmessage = (message) => {
          const { event, data } = JSON.parse(String(message.data)) as { event: string; data: unknown }
          listener(event, data)
        }
        socket.onclose = () => {
          if (!stopped) setTimeout(connect, 2000)
        }
      }
      connect()
      return () => {
        stopped = true
        socket?.close()
      }
    },
  }
}

export interface BridgeHooks {
  /** Called when the main process says the session is locked; resolves once it is unlocked. */
  onLocked(): Promise<void>
  /** Called when the main process no longer knows the session (restart, deactivation). */
  onSignedOut(): void
}

export function createBridge(transport: Transport) {
  let token: string | null = sessionStorage.getItem(TOKEN_KEY)
  let hooks: BridgeHooks | null = null
  const listeners = new Map<string, Set<(data: never) => void>>()
  transport.subscribe((event, data) => listeners.get(event)?.forEach((listener) => listener(data as never)))

  async function invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    options: { background?: boolean } = {},
  ): Promise<ChannelOutput<C>> {
    for (;;) {
      const result = await transport.invoke(channel, input, token, options.background === true)
      if (result.ok) return result.data as ChannelOutput<C>
      // A call made just as the idle lock fell is not lost: it waits for the unlock and goes again.
      if (result.error.code === 'SESSION_LOCKED' && hooks) {
        await hooks.onLocked()
        continue
      }
      if (result.error.code === 'NOT_SIGNED_IN' && token) hooks?.onSignedOut()
      throw new BridgeError(result.error)
    }
  }

  /**
   * A finished export to the person's disk: Electron asks where (its save dialog, in the main
   * process); the browser shell downloads it from the loopback host, as any browser download.
   */
  async function saveExport(jobId: string): Promise<{ saved: boolean }> {
    if (window.vodokanal) return invoke('exports.save', { jobId })
    const link = document.createElement('a')
    link.href = `/api/download/${encodeURIComponent(jobId)}?secret=${encodeURIComponent(sessionStorage.getItem(SECRET_KEY) ?? '')}`
    link.download = ''
    document.body.append(link)
    link.click()
    link.remove()
    return { saved: true }
  }

  return {
    invoke,
    saveExport,
    setToken(next: string | null) {
      token = next
      if (next) sessionStorage.setItem(TOKEN_KEY, next)
      else sessionStorage.removeItem(TOKEN_KEY)
    },
    hasToken: () => token !== null,
    setHooks(next: BridgeHooks) {
      hooks = next
    },
    on<E extends EventName>(event: E, listener: (data: ContractEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (data: never) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (data: never) => void)
    },
  }
}

export type Bridge = ReturnType<typeof createBridge>

export const bridge: Bridge = createBridge(window.vodokanal ?? httpTransport())
