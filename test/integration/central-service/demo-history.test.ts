import { beforeEach, describe, expect, it } from 'vitest'
import { seedCentralDemo } from '../../../scripts/central-seed'
import { seedDemoHistory } from '../../../scripts/demo-history'
import { resetCentral, useCentralService } from '../../support/central-service'

const central = useCentralService()

/** The demo city's year behind it (npm run demo), at pinned clocks. */
describe('the demo city’s history', () => {
  beforeEach(async () => {
    await resetCentral(central)
    await seedCentralDemo(central.url, 400)
  })

  async function coverage() {
    const { rows } = await central.pool.query<{ period: string; share: number }>(
      `SELECT r.period, round(100.0 * count(DISTINCT r.meter_id) / (SELECT count(*) FROM meters m
        JOIN accounts a ON a.id = m.account_id WHERE m.status = 'active' AND a.status = 'active'))::int AS share
      FROM readings r GROUP BY r.period ORDER BY r.period`,
    )
    return rows
  }

  it('reads about 85 % of meters in each of 13 periods up to the moment, none from the future', async () => {
    // 7 December, 12:00 Moscow time: January collects since 3 December.
    const now = new Date('2026-12-07T12:00:00+03:00')
    expect(await seedDemoHistory(central.pool, now)).toMatch(
      /^показаний за 13 периодов: \d+, личных кабинетов: [1-9]\d*$/,
    )
    const periods = await coverage()
    expect(periods.map((p) => p.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ])
    for (const { share } of periods.slice(0, -1)) expect(share).toBeGreaterThanOrEqual(78)
    for (const { share } of periods.slice(0, -1)) expect(share).toBeLessThanOrEqual(92)
    // The collecting period only as far as today.
    expect(periods.at(-1)!.share).toBeLessThan(40)
    const { rows } = await central.pool.query(
      `SELECT count(*) FILTER (WHERE received_at > $1)::int AS future,
        count(*) FILTER (WHERE value_milli <= coalesce(previous, -1))::int AS decreasing
      FROM (SELECT received_at, value_milli, lag(value_milli) OVER (PARTITION BY meter_id ORDER BY period) AS previous
        FROM readings) r`,
      [now],
    )
    expect(rows).toEqual([{ future: 0, decreasing: 0 }])
  })

  it('places each reading in the window of its period, on 29 February too', async () => {
    const now = new Date('2028-02-29T23:59:00+03:00')
    await seedDemoHistory(central.pool, now)
    // Received from the 3rd of the month before to the 2nd of the period, Moscow time.
    const { rows } = await central.pool.query(
      `SELECT count(*)::int AS outside FROM readings
      WHERE (received_at AT TIME ZONE 'Europe/Moscow')::date
        NOT BETWEEN to_date(period, 'YYYY-MM') - interval '1 month' + interval '2 days'
        AND to_date(period, 'YYYY-MM') + interval '1 day'`,
    )
    expect(rows).toEqual([{ outside: 0 }])
    expect((await coverage()).at(-1)).toMatchObject({ period: '2028-03' })
  })

  it('numbers private houses as streets do, and gives every woman a woman’s surname and patronymic', async () => {
    const { rows } = await central.pool.query<{ house: string; patronymic: string | null; surname: string }>(
      `SELECT house, patronymic, surname FROM accounts`,
    )
    const { rows: privateHouses } = await central.pool.query<{ house: string }>(
      `SELECT house FROM accounts WHERE house_type = 'private'`,
    )
    for (const { house } of privateHouses) expect(Number.parseInt(house, 10)).toBeLessThanOrEqual(150)
    for (const { patronymic, surname } of rows)
      if (patronymic?.endsWith('вна') && /(ов|ев|ин|ёв)$/.test(surname))
        throw new Error(`${surname} ${patronymic}`)
  })
})
