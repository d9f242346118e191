import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServiceRefused, type CentralClient } from '../../../src-main/sync/central-client'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * The service tells a caller's mistake from its own absence (docs/central-service.md#errors): bad
 * input is 400 with a contract code, an oversized body 413, and 503 only when it or its database is
 * really away, which consoles read as "service down" and wait out.
 */
describe('what the service answers to bad input', () => {
  let console_: TestApp
  let client: CentralClient

  beforeAll(async () => {
    await resetCentral(central)
    console_ = await buildTestApp({ central: { service: central } })
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
    await client.health()
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  const refusal = async (call: Promise<unknown>) => {
    const error = await call.catch((e: unknown) => e)
    return error instanceof ServiceRefused ? { status: error.status, code: error.error.code } : error
  }

  it('answers a cursor of 40 digits, and one past what the database holds, 400 INVALID_REQUEST', async () => {
    expect(await refusal(client.feed({ txid: '9'.repeat(40), id: '1' }, 100))).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
    })
    // Within the contract's digits, beyond bigint: the database's own refusal, still the caller's fault.
    expect(await refusal(client.feed({ txid: '1', id: '9'.repeat(19) }, 100))).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
    })
  })

  it('answers a body over the limit 413 TOO_LARGE, naming the limit', async () => {
    const text = JSON.stringify({ blob: randomBytes(55 * 1024 * 1024).toString('base64') })
    const error = await client
      .send({
        method: 'POST',
        path: '/v1/consoles/enrol',
        text,
        digest: null,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceRefused)
    expect((error as ServiceRefused).status).toBe(413)
    expect((error as ServiceRefused).error).toEqual({
      code: 'TOO_LARGE',
      params: { limitBytes: 72 * 1024 * 1024 },
    })
  })

  it('answers a body that is not JSON 400, and the service still answers afterwards', async () => {
    const error = await client
      .send({
        method: 'POST',
        path: '/v1/consoles/enrol',
        text: '{"login":',
        digest: null,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      })
      .catch((e: unknown) => e)
    expect((error as ServiceRefused).status).toBe(400)
    expect((error as ServiceRefused).error.code).toBe('INVALID_REQUEST')
    await expect(client.health()).resolves.toBeTruthy()
  })
})
