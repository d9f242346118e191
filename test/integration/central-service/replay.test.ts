import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_HEADER, NONCE_HEADER, SIGNATURE_HEADER, signedText, TIME_HEADER } from '@shared/central/api'
import { ServiceRefused, type CentralClient } from '../../../src-main/sync/central-client'
import {
  CENTRAL_SUPERVISOR,
  ownCentralClient,
  resetCentral,
  useCentralService,
} from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * A signed request cannot be sent twice (docs/central-service.md#requests-that-cannot-be-replayed):
 * someone who captured a console's sign-in on the way gets nothing by sending it again, now or later.
 */
describe('a captured signed request', () => {
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

  /** A sign-in exactly as the console signs it, sent with exactly these headers. */
  const signIn = (at: Date, nonce = randomBytes(16).toString('base64url')) => {
    const path = '/v1/staff/sign-in'
    const text = JSON.stringify({ login: CENTRAL_SUPERVISOR.login, password: TEST_PASSWORD })
    const digest = createHash('sha256').update(text).digest('hex')
    const stamp = { at: at.toISOString(), nonce }
    return {
      method: 'POST' as const,
      path,
      text,
      digest: null,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        [CONSOLE_HEADER]: JSON.parse(
          console_.app.local.sql
            .prepare(`SELECT value FROM settings WHERE key = 'centralService'`)
            .pluck()
            .get() as string,
        ).consoleId as string,
        [TIME_HEADER]: stamp.at,
        [NONCE_HEADER]: stamp.nonce,
        [SIGNATURE_HEADER]: client.sign(signedText('POST', path, digest, stamp)),
      },
    }
  }
  const refusalOf = async (request: ReturnType<typeof signIn>) => {
    const error = await client.send(request).catch((e: unknown) => e)
    return error instanceof ServiceRefused ? error.error.code : 'accepted'
  }

  it('is answered once; the same bytes again, a second later, are refused as replayed', async () => {
    const captured = signIn(new Date())
    expect(await client.send<{ token: string }>(captured)).toMatchObject({ token: expect.any(String) })
    expect(await refusalOf(captured)).toBe('REQUEST_REPLAYED')
  })

  it('is refused when its time stands outside the window, whichever way, even with a fresh nonce', async () => {
    expect(await refusalOf(signIn(new Date(Date.now() - 10 * 60_000)))).toBe('REQUEST_TIME')
    expect(await refusalOf(signIn(new Date(Date.now() + 10 * 60_000)))).toBe('REQUEST_TIME')
  })

  it('cannot have its time or nonce changed: they are under the signature', async () => {
    const captured = signIn(new Date())
    const moved = {
      ...captured,
      headers: { ...captured.headers, [NONCE_HEADER]: randomBytes(16).toString('base64url') },
    }
    expect(await refusalOf(moved)).toBe('BAD_SIGNATURE')
  })

  it('still lets the console itself work: each sending gets its own time and nonce', async () => {
    for (let i = 0; i < 3; i++) await console_.app.sync!.syncNow()
    expect((await console_.call('sync.status', {}, console_.supervisorToken)).mode).toBe('online')
  })
})
