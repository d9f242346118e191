import WebSocket from 'ws'
import {
  FEED_NAMES,
  type FeedAnswer,
  type LiveClientMessage,
  type LiveServerMessage,
} from '@shared/central/api'
import type { FeedCursor } from '@shared/central/rows'
import { ServiceRefused, type CentralClient } from './central-client'

/** How often the open socket is checked for an answer (docs/business-rules.md#who-uses-the-console). */
export const HEARTBEAT_MS = 5_000

/**
 * The console's WebSocket to the service: it proves itself by signing the service's challenge, is
 * woken the moment something is committed centrally, and reads the change feed over the same socket
 * (one round trip per page, no request set-up).
 */
export class LiveConnection {
  private socket: WebSocket | null = null
  private ready: Promise<void> | null = null
  private nextRequest = 1
  private readonly waiting = new Map<
    number,
    { resolve(page: FeedAnswer): void; reject(error: Error): void }
  >()

  private heartbeat: NodeJS.Timeout | null = null

  constructor(
    private readonly client: CentralClient,
    private readonly onChanged: () => void,
    private readonly onClosed: () => void,
    /** A heartbeat went unanswered (true) or was answered again (false). */
    private readonly onSilence: (silent: boolean) => void = () => undefined,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  /** Opens and authenticates the socket, or reuses the open one. */
  connect(): Promise<void> {
    if (this.ready) return this.ready
    const base = new URL(this.client.endpoint.url)
    const url = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/v1/live`
    const socket = new WebSocket(url, {
      handshakeTimeout: 5_000,
      ...(this.client.endpoint.caPem ? { ca: this.client.endpoint.caPem } : {}),
    })
    this.socket = socket
    this.ready = new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as LiveServerMessage
        switch (message.type) {
          case 'challenge':
            try {
              this.send({
                type: 'auth',
                consoleId: this.client.consoleId ?? '',
                signature: this.client.sign(`LIVE\n${message.nonce}`),
              })
            } catch (error) {
              reject(error as Error)
              socket.close()
            }
            break
          case 'ready':
            this.beat(socket)
            resolve()
            break
          case 'changed':
            this.onChanged()
            break
          case 'page':
            this.waiting.get(message.requestId)?.resolve(message.page)
            this.waiting.delete(message.requestId)
            break
          case 'error': {
            const error = new ServiceRefused(403, message.error)
            if (message.requestId === null) reject(error)
            else {
              this.waiting.get(message.requestId)?.reject(error)
              this.waiting.delete(message.requestId)
            }
          }
        }
      })
      socket.on('error', (error) => reject(error))
      socket.on('close', () => {
        reject(Object.assign(new Error('live connection closed'), { code: 'ECONNRESET' }))
        this.closed(socket)
      })
    })
    // An unawaited rejection here is the close handler's business.
    this.ready.catch(() => undefined)
    return this.ready
  }

  /** One page of the feed past `cursor`. */
  async feed(cursor: FeedCursor, limit: number, timeoutMs = 30_000): Promise<FeedAnswer> {
    await this.connect()
    const requestId = this.nextRequest++
    return new Promise<FeedAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId)
        reject(Object.assign(new Error('central service timeout'), { code: 'ETIMEDOUT' }))
        this.close()
      }, timeoutMs)
      this.waiting.set(requestId, {
        resolve: (page) => {
          clearTimeout(timer)
          resolve(page)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.send({ type: 'feed', requestId, request: { cursor, limit, names: FEED_NAMES } })
    })
  }

  /**
   * A WebSocket ping every `heartbeatMs`; one still unanswered at the next beat means the service (or
   * the network) holds the connection without answering: said at once, and the socket is dropped so
   * that the engine's next attempt finds out whether it answers again.
   */
  private beat(socket: WebSocket): void {
    let answered = true
    socket.on('pong', () => {
      if (!answered) this.onSilence(false)
      answered = true
    })
    this.heartbeat = setInterval(() => {
      if (!answered) {
        this.onSilence(true)
        this.close()
        return
      }
      answered = false
      socket.ping()
    }, this.heartbeatMs)
    this.heartbeat.unref()
  }

  close(): void {
    const socket = this.socket
    if (socket) {
      socket.removeAllListeners('message')
      socket.terminate()
      this.closed(socket)
    }
  }

  private send(message: LiveClientMessage): void {
    this.socket?.send(JSON.stringify(message))
  }

  private closed(socket: WebSocket): void {
    if (this.socket !== socket) return
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
    this.socket = null
    this.ready = null
    const error = Object.assign(new Error('live connection closed'), { code: 'ECONNRESET' })
    for (const waiter of this.waiting.values()) waiter.reject(error)
    this.waiting.clear()
    this.onClosed()
  }
}
