import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DOOR_LIMITS,
  DOOR_REFUSAL_DELAY_MS,
  startCentralService,
  type CentralService,
} from '../../../src-central/server'
import { CentralClient, ServiceRefused } from '../../../src-main/sync/central-client'
import {
  addCentralStaff,
  CENTRAL_SUPERVISOR,
  ownCentralClient,
  resetCentral,
  useCentralService,
} from '../../support/central-service'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../support/test-app'
import { testAuthorities } from '../../support/tls'

const central = useCentralService()

/**
 * The doors that check a password, with the product's own limits
 * (docs/central-service.md#the-doors-rate-limits): nobody on the network can lock a person out
 * through the anonymous enrolment door, a flood there is refused before any hash is spent, and a
 * console's own staff still sign in.
 */
describe('the doors that check a password', () => {
  let strict: CentralService
  let client: CentralClient
  let console_: TestApp
  const publicKey = generateKeyPairSync('ed25519')
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()
  const enrol = (password: string) =>
    client.enrol({ consoleName: 'Чужой ноутбук', publicKey, login: CENTRAL_SUPERVISOR.login, password }).then(
      () => 'enrolled',
      (error: unknown) => (error instanceof ServiceRefused ? error.error.code : error),
    )

  beforeAll(async () => {
    await resetCentral(central)
    const { right } = testAuthorities()
    strict = await startCentralService({
      databaseUrl: central.url,
      tls: { cert: right.cert, key: right.key },
      passwordHashLogN: 10,
    })
    client = new CentralClient({ url: strict.url, caPem: central.caPem }, null)
  })
  afterAll(async () => {
    client.close()
    await console_?.dispose()
    await strict.close()
  })

  it('never locks a person out through enrolment: wrong passwords there count toward no lockout', async () => {
    for (let i = 0; i < 6; i++) expect(await enrol('не-тот-пароль')).toBe('INVALID_CREDENTIALS')
    // Past the sign-in lockout's five, the right password still works.
    expect(await enrol(TEST_PASSWORD)).toBe('enrolled')
    const { rows } = await central.pool.query(`SELECT locked_until FROM staff_lockouts WHERE login = $1`, [
      CENTRAL_SUPERVISOR.login,
    ])
    expect(rows.filter((r: { locked_until: Date | null }) => r.locked_until !== null)).toEqual([])
  })

  it('refuses enrolment by a supervisor still on a password someone gave them', async () => {
    await addCentralStaff(central, { login: 'newchief', fullName: 'Новикова Ольга', role: 'supervisor' })
    await central.pool.query(`UPDATE staff SET must_change_password = true WHERE login = 'newchief'`)
    const answer = await client
      .enrol({ consoleName: 'Касса 9', publicKey, login: 'newchief', password: TEST_PASSWORD })
      .catch((error: unknown) => (error instanceof ServiceRefused ? error.error.code : error))
    expect(answer).toBe('PASSWORD_CHANGE_REQUIRED')
  })

  it('refuses a flood from one address with 429 before spending a hash, and says when to try again', async () => {
    const answers = await Promise.all(Array.from({ length: DOOR_LIMITS.enrol.max * 2 }, () => enrol('x')))
    expect(answers).toContain('TOO_MANY_REQUESTS')
    const asked = performance.now()
    const error = await client
      .enrol({ consoleName: 'Ещё', publicKey, login: 'nobody', password: 'x' })
      .catch((e: unknown) => e)
    // The refusal is held before it is sent, so a flood that waits for its answers is slowed down.
    expect(performance.now() - asked).toBeGreaterThanOrEqual(DOOR_REFUSAL_DELAY_MS - 20)
    expect(error).toBeInstanceOf(ServiceRefused)
    expect((error as ServiceRefused).status).toBe(429)
    expect((error as ServiceRefused).error.params?.retryAfterSeconds).toBeGreaterThan(0)
  })

  it('lets a console’s own staff sign in from the same address meanwhile', async () => {
    // Enrolled through the lenient service: this address's enrolment door is shut for the minute.
    console_ = await buildTestApp({ central: { service: central } })
    const signIn = ownCentralClient(console_, { url: strict.url, caPem: central.caPem })
    try {
      const answer = await signIn.signIn(CENTRAL_SUPERVISOR.login, TEST_PASSWORD)
      expect(answer.staff.login).toBe(CENTRAL_SUPERVISOR.login)
    } finally {
      signIn.close()
    }
  })
})
