import pg from 'pg'

/**
 * One LISTEN connection per service instance: a commit anywhere in the central database (a console's
 * push through any instance, the website, an import) wakes every console connected to this instance.
 * Reconnects by itself; after a reconnect it wakes everyone once, since a notification may have been
 * missed meanwhile.
 */
export class LiveNotifier {
  private client: pg.Client | null = null
  private stopped = false
  private retry: NodeJS.Timeout | null = null
  private readonly listeners = new Set<() => void>()

  constructor(private readonly url: string) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(): Promise<void> {
    await this.connect().catch(() => this.scheduleReconnect())
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      application_name: 'vodokanal-central-live',
    })
    client.on('notification', () => this.notify())
    client.on('error', () => this.drop(client))
    client.on('end', () => this.drop(client))
    await client.connect()
    await client.query('LISTEN vodokanal_changes')
    if (this.stopped) {
      await client.end()
      return
    }
    this.client = client
    this.notify()
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return
    this.client = null
    void client.end().catch(() => undefined)
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return
    this.retry = setTimeout(() => {
      this.retry = null
      this.connect().catch(() => this.scheduleReconnect())
    }, 1_000)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.retry) clearTimeout(this.retry)
    const client = this.client
    this.client = null
    await client?.end().catch(() => undefined)
  }
}
