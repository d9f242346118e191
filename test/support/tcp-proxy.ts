import { createServer, connect, type Socket } from 'node:net'

export interface CuttableLink {
  /** The database URL with the proxy's loopback port in place of the server's. */
  url: string
  /** Drops every open connection and refuses new ones: the network cable pulled. */
  cut(): void
  restore(): void
  /**
   * Keeps every connection open but relays nothing, new ones included: a server that hangs, neither
   * answering nor refusing. `thaw` delivers what waited and relays again.
   */
  freeze(): void
  thaw(): void
  close(): Promise<void>
}

/** A loopback TCP relay between a console and a server, so a test can take the network away. */
export async function cuttableLink(serverUrl: string): Promise<CuttableLink> {
  const target = new URL(serverUrl)
  const sockets = new Set<Socket>()
  const pairs = new Set<[Socket, Socket]>()
  let open = true
  let frozen = false
  const relay = ([client, upstream]: [Socket, Socket]) => {
    client.pipe(upstream)
    upstream.pipe(client)
  }
  const hold = ([client, upstream]: [Socket, Socket]) => {
    client.unpipe(upstream)
    upstream.unpipe(client)
    client.pause()
    upstream.pause()
  }
  const server = createServer((client) => {
    if (!open) return client.destroy()
    const upstream = connect(Number(target.port || 5432), target.hostname)
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    for (const socket of pair) {
      sockets.add(socket)
      socket.on('close', () => {
        sockets.delete(socket)
        pairs.delete(pair)
      })
      socket.on('error', () => undefined)
    }
    if (frozen) hold(pair)
    else relay(pair)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = new URL(serverUrl)
  url.hostname = '127.0.0.1'
  url.port = String((server.address() as { port: number }).port)
  return {
    url: url.toString(),
    cut: () => {
      open = false
      for (const socket of sockets) socket.destroy()
    },
    restore: () => {
      open = true
    },
    freeze: () => {
      frozen = true
      for (const pair of pairs) hold(pair)
    },
    thaw: () => {
      frozen = false
      for (const pair of pairs) relay(pair)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
