import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { CentralClient } from '../../src-main/sync/central-client'

/**
 * The console's connection to the service is kept alive between requests. When the service closes an
 * idle connection just as a request goes out on it, the request never reached the service: the client
 * sends it once more on a new connection instead of calling the service away.
 */
describe('the central client on a kept-alive connection the service has closed', () => {
  let server: Server | null = null
  afterEach(async () => {
    if (!server) return
    server.closeAllConnections()
    await new Promise((resolve) => server!.close(resolve))
    server = null
  })

  /** A stand-in for the service's health route that drops every connection's second request unanswered. */
  async function serviceDroppingReusedConnections(): Promise<{ url: string; requests: () => number }> {
    const served = new WeakSet<Socket>()
    let requests = 0
    server = createServer((req, res) => {
      requests++
      if (served.has(req.socket)) return req.socket.destroy()
      served.add(req.socket)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ ok: true, serviceVersion: 'test' }))
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}`, requests: () => requests }
  }

  it('sends the request again on a new connection and gets the answer', async () => {
    const service = await serviceDroppingReusedConnections()
    const client = new CentralClient({ url: service.url }, null)
    await expect(client.health()).resolves.toMatchObject({ ok: true })
    // The second request goes out on the kept-alive connection, which the service drops.
    await expect(client.health()).resolves.toMatchObject({ ok: true })
    expect(service.requests()).toBe(3)
  })

  it('still reports a service that is not there', async () => {
    const client = new CentralClient({ url: 'http://127.0.0.1:9' }, null)
    await expect(client.health()).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
