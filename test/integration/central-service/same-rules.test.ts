import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAccount, aMeter } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()

/**
 * One rule on both sides (docs/central-service.md#proof-of-person): a console that skips its own
 * checks gains nothing. Each case is refused by the console; the same payload, signed by its real
 * author and pushed straight to the service, is refused there with the console's code, and a period,
 * late mark or time in the payload is never taken.
 */
describe('the service decides readings by the console’s rules', () => {
  let console_: TestApp
  let operator: { login: string; token: string }
  let clerk: { login: string; token: string }
  let client: ReturnType<typeof ownCentralClient>

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [anAccount({ id: 1, number: '40000001' })])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1 })])
    console_ = await buildTestApp({ central: { service: central } })
    operator = await console_.staffMember('operator')
    clerk = await console_.staffMember('clerk')
    await console_.app.sync!.syncNow()
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  /** A `readings.record` as the console queues it, with the fields it computes filled in by hand. */
  const reading = (
    author: string,
    fields: { source: string; receivedOn: string; period?: string; late?: boolean },
  ) =>
    pushedCommand(console_.app, {
      name: 'readings.record',
      payload: {
        accountId: 1,
        receivedOn: fields.receivedOn,
        receivedAt: `${fields.receivedOn}T12:00:00+03:00`,
        source: fields.source,
        period: fields.period ?? '2026-12',
        late: fields.late ?? false,
        readings: [{ meterId: 11, valueMilli: 12_000, flags: [], replacedMilli: null, replaceReason: null }],
      },
      author,
      madeAt: console_.clock.now(),
      signedBy: { login: author },
    })
  const pushed = async (command: Awaited<ReturnType<typeof reading>>) =>
    (await client.push([command])).outcomes[0]!
  const form = (receivedOn: string, source: 'paper' | 'phone' = 'paper') => ({
    accountNumber: '40000001',
    receivedOn,
    source,
    values: [{ meterId: 11, value: '12', confirmed: [] }],
  })

  it('refuses an operator’s paper form on both sides', async () => {
    expect((await console_.refused('readings.record', form('2026-11-20'), operator.token)).code).toBe(
      'PAPER_ONLY_CLERKS',
    )
    expect(
      await pushed(await reading(operator.login, { source: 'paper', receivedOn: '2026-11-20' })),
    ).toMatchObject({
      outcome: 'refused',
      detail: { code: 'PAPER_ONLY_CLERKS' },
    })
  })

  it('refuses a stamp after the day it was typed on both sides', async () => {
    expect((await console_.refused('readings.record', form('2031-01-15'), clerk.token)).code).toBe(
      'RECEIVED_IN_FUTURE',
    )
    expect(
      await pushed(await reading(clerk.login, { source: 'paper', receivedOn: '2031-01-15' })),
    ).toMatchObject({
      outcome: 'refused',
      detail: { code: 'RECEIVED_IN_FUTURE', date: '2031-01-15' },
    })
  })

  it('refuses a source outside the list on both sides', async () => {
    expect(
      (await console_.refused('readings.record', { ...form('2026-11-20'), source: 'inspector' }, clerk.token))
        .code,
    ).toBe('INVALID_INPUT')
    for (const source of ['inspector', 'web'])
      expect(await pushed(await reading(clerk.login, { source, receivedOn: '2026-11-20' }))).toMatchObject({
        outcome: 'refused',
        detail: { code: 'INVALID_INPUT', fields: 'source' },
      })
  })

  it('takes the period and the late mark from its own rule, never from the payload', async () => {
    // Stamped 20 November: December's reading, not late, whatever the console claimed.
    const claimed = await reading(clerk.login, {
      source: 'paper',
      receivedOn: '2026-11-20',
      period: '2019-05',
      late: true,
    })
    expect(await pushed(claimed)).toMatchObject({ outcome: 'applied' })
    const { rows } = await central.pool.query(
      `SELECT period, late, to_char(received_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD HH24:MI') AS at
      FROM readings WHERE meter_id = 11`,
    )
    expect(rows).toEqual([{ period: '2026-12', late: false, at: '2026-11-20 12:00' }])
  })
})
