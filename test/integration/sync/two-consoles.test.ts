import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type BetterSqlite3 from 'better-sqlite3'
import { aMeter, anAccount } from '../../support/account-builder'
import {
  insertCentralAccounts,
  insertCentralMeters,
  insertCentralReadings,
} from '../../support/central-database'
import { cuttableLink, type CuttableLink } from '../../support/tcp-proxy'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, paperForm, settle, TEST_PASSWORD, type TestApp } from '../../support/test-app'
import { assignPeriodForMoscowDate } from '@shared/domain/billing-period'
import { moscowDate } from '@shared/domain/moscow-time'
import { shiftPeriod } from '@shared/domain/period'
import { TEST_CLOCK_START } from '../../support/clock'

/** Forms stamped on the pinned clock's day; the period that day's readings count for, and the one before. */
const TODAY = moscowDate(new Date(TEST_CLOCK_START))
const PERIOD = assignPeriodForMoscowDate(TODAY).period
const PREVIOUS_PERIOD = shiftPeriod(PERIOD, -1)

const central = useCentralService()

/** A console on its own SQLite file, syncing with the test's central database (through `link`, if given). */
function aConsole(url: string) {
  return buildTestApp({ central: { service: central, serviceUrl: url } })
}

/** One clerk, created on A; B knows them once staff have synced, as a real second console would. */
async function oneClerkOnBoth(a: TestApp, b: TestApp) {
  const { login, token: clerkA } = await a.staffMember('clerk')
  await settle(a, b)
  // Signed in on B through the central service: B never saw the password hash.
  const clerkB = (await b.call('auth.signIn', { login, password: TEST_PASSWORD })).token
  return { clerkA, clerkB }
}

function mirrored(db: BetterSqlite3.Database) {
  return {
    accounts: db
      .prepare(`SELECT id, number, phone, email, street, house, status, version FROM accounts ORDER BY id`)
      .all(),
    meters: db.prepare(`SELECT id, account_id, serial, status, version FROM meters ORDER BY id`).all(),
    readings: db
      .prepare(
        `SELECT meter_id, period, value_milli, source, late, flags, version FROM readings ORDER BY meter_id, period`,
      )
      .all(),
    conflicts: db
      .prepare(`SELECT kind, entity_key, field, resolved_at FROM sync_conflicts ORDER BY id`)
      .all(),
  }
}

async function centralReadings() {
  const { rows } = await central.pool.query(
    `SELECT meter_id, period, value_milli, source FROM readings ORDER BY meter_id, period`,
  )
  return rows
}

describe('two consoles on one central database', () => {
  let a: TestApp
  let b: TestApp
  let linkB: CuttableLink

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(
      central.pool,
      [1, 2, 3, 4].map((id) => anAccount({ id })),
    )
    await insertCentralMeters(
      central.pool,
      [1, 2, 3, 4].map((n) => aMeter({ id: n * 10 + 1, accountId: n })),
    )
    for (const n of [1, 2, 3, 4])
      await insertCentralReadings(central.pool, n * 10 + 1, { [PREVIOUS_PERIOD]: 100 })
    linkB = await cuttableLink(central.serviceUrl)
    a = await aConsole(central.serviceUrl)
    b = await aConsole(linkB.url)
    await settle(a, b)
  })

  afterEach(async () => {
    await a.dispose()
    await b.dispose()
    await linkB.close()
  })

  it('copies the central accounts, meters and readings into a fresh console', async () => {
    expect(mirrored(a.app.local.sql).accounts).toHaveLength(4)
    expect(mirrored(b.app.local.sql).readings).toHaveLength(4)
    expect((await a.call('sync.status', {}, a.supervisorToken)).mode).toBe('online')
  })

  it('converge to identical data when both work on the same accounts at once', async () => {
    const { clerkA, clerkB } = await oneClerkOnBoth(a, b)
    const cardA = await a.call('accounts.card', { accountId: 3 }, clerkA)
    const cardB = await b.call('accounts.card', { accountId: 3 }, clerkB)
    const contacts = (card: typeof cardA) => ({
      accountId: 3,
      expectedVersion: card.account.version,
      phone: card.account.phone ?? '',
      email: card.account.email ?? '',
      street: card.account.street,
      house: card.account.house,
      building: card.account.building ?? '',
      apartment: card.account.apartment ?? '',
    })
    await Promise.all([
      a.call('readings.record', paperForm('40000001', 11, '105', TODAY), clerkA),
      b.call('readings.record', paperForm('40000002', 21, '107,5', TODAY), clerkB),
      a.call('accounts.updateContacts', { ...contacts(cardA), phone: '+7 978 111-22-33' }, clerkA),
      b.call('accounts.updateContacts', { ...contacts(cardB), email: 'novyi@example.ru' }, clerkB),
    ])
    await settle(a, b)

    expect(await centralReadings()).toEqual(
      expect.arrayContaining([
        { meter_id: 11, period: PERIOD, value_milli: 105_000, source: 'paper' },
        { meter_id: 21, period: PERIOD, value_milli: 107_500, source: 'paper' },
      ]),
    )
    const account3 = await central.pool.query(`SELECT phone, email FROM accounts WHERE id = 3`)
    // Different fields of one account: both edits stand.
    expect(account3.rows[0]).toEqual({ phone: '+7 978 111-22-33', email: 'novyi@example.ru' })
    expect(mirrored(a.app.local.sql)).toEqual(mirrored(b.app.local.sql))
    expect(mirrored(a.app.local.sql).readings).toHaveLength(6)
    const status = await b.call('sync.status', {}, clerkB)
    expect(status).toMatchObject({ mode: 'online', pendingCommands: 0, refusedCommands: 0, conflicts: 0 })
  })

  it('turns two values for one meter and period, and two edits of one field, into conflicts both consoles list', async () => {
    const { clerkA, clerkB } = await oneClerkOnBoth(a, b)
    linkB.cut()
    await b.app.sync!.syncNow()
    expect((await b.call('sync.status', {}, clerkB)).problem?.kind).toBe('unreachable')

    const version = (await b.call('accounts.card', { accountId: 4 }, clerkB)).account.version
    const edit = (phone: string) => ({
      accountId: 4,
      expectedVersion: version,
      phone,
      email: '',
      street: 'ул. Ленина',
      house: '1',
      building: '',
      apartment: '4',
    })
    await b.call('readings.record', paperForm('40000003', 31, '104', TODAY), clerkB)
    await b.call('accounts.updateContacts', edit('+7 978 000-00-02'), clerkB)
    await a.call('readings.record', paperForm('40000003', 31, '103', TODAY), clerkA)
    await a.call('accounts.updateContacts', edit('+7 978 000-00-01'), clerkA)
    await a.app.sync!.syncNow()

    linkB.restore()
    await settle(a, b)

    // The central database kept what arrived first; the later command is a conflict, nothing lost.
    const reading = await central.pool.query(
      `SELECT value_milli FROM readings WHERE meter_id = 31 AND period = $1`,
      [PERIOD],
    )
    expect(reading.rows[0]).toEqual({ value_milli: 103_000 })
    const phone = await central.pool.query(`SELECT phone FROM accounts WHERE id = 4`)
    expect(phone.rows[0]).toEqual({ phone: '+7 978 000-00-01' })
    const conflicts = await central.pool.query(
      `SELECT kind, entity_key, field, central_value, console_value FROM sync_conflicts ORDER BY id`,
    )
    expect(conflicts.rows).toEqual([
      {
        kind: 'readingValue',
        entity_key: `reading:31:${PERIOD}`,
        field: null,
        central_value: { valueMilli: 103_000 },
        console_value: {
          valueMilli: 104_000,
          source: 'paper',
          replaceReason: null,
          receivedAt: '2026-11-24T12:00:00+03:00',
          late: false,
          flags: [],
          movedFrom: null,
        },
      },
      {
        kind: 'accountField',
        entity_key: 'account:4',
        field: 'phone',
        central_value: '+7 978 000-00-01',
        console_value: '+7 978 000-00-02',
      },
    ])
    // B's own values gave way to the central ones once the central database had answered.
    expect(mirrored(a.app.local.sql)).toEqual(mirrored(b.app.local.sql))
    expect(mirrored(b.app.local.sql).conflicts).toHaveLength(2)
    expect(await b.call('sync.status', {}, clerkB)).toMatchObject({
      mode: 'online',
      conflicts: 2,
      pendingCommands: 0,
    })
  })
})
