import type pg from 'pg'
import { assignPeriod } from '../shared/domain/billing-period'

/** How many periods of readings the demo city has behind it, the collecting one included. */
const PERIODS = 13

/**
 * What a year of work leaves in a city the billing import has just brought (`npm run demo`): meter
 * readings for the last 13 periods up to this moment, and some subscribers' cabinets. About 85 % of
 * active meters are read each period (one in eight skips a month, one account in twenty has gone silent
 * for the last one to three), the collecting period only as far as today; readings come from the
 * 3rd of the month before to the 2nd of their period, more of them near its end, half through the
 * website. Deterministic: each value comes from a hash of the meter and period, so the same city has
 * the same history for the same day. Written as the feed sees any write, so consoles copy it.
 */
export async function seedDemoHistory(pool: pg.Pool, now: Date): Promise<string> {
  const collecting = assignPeriod(now).period
  const readings = await pool.query(
    `WITH series AS (
      SELECT m.id AS meter_id, a.house_type, k,
        to_char(to_date($1, 'YYYY-MM') - make_interval(months => k), 'YYYY-MM') AS period,
        abs(hashtext(m.id || ':' || k)) AS h, abs(hashtext(m.id::text)) AS hm,
        abs(hashtext(a.id || ':silent')) AS ha
      FROM meters m JOIN accounts a ON a.id = m.account_id, generate_series(0, $2::int - 1) AS k
      WHERE m.status = 'active' AND a.status = 'active'
    ), sized AS (
      SELECT *, CASE WHEN house_type = 'private' THEN 5000 + hm % 20000 ELSE 1500 + hm % 5500 END AS monthly
      FROM series
      WHERE h % 100 >= 12 AND NOT (ha % 100 < 5 AND k < 1 + ha % 3)
    ), timed AS (
      SELECT *, LEAST(
          (to_date(period, 'YYYY-MM') - interval '1 month' + interval '2 days'
            + floor(sqrt((h / 7) % 900)) * interval '1 day'
            + (480 + (h / 11) % 840) * interval '1 minute') AT TIME ZONE 'Europe/Moscow',
          (to_date(period, 'YYYY-MM') + interval '1 day 22 hours') AT TIME ZONE 'Europe/Moscow'
        ) AS received_at
      FROM sized
    )
    INSERT INTO readings (meter_id, period, value_milli, received_at, source, late)
    SELECT meter_id, period, hm % 900000 + ($2 - k) * monthly + h % (monthly / 2), received_at,
      CASE WHEN h % 20 < 12 THEN 'web' WHEN h % 20 < 17 THEN 'paper' WHEN h % 20 < 19 THEN 'phone'
        ELSE 'inspector' END,
      false
    FROM timed WHERE received_at <= $3
    ON CONFLICT (meter_id, period) DO NOTHING`,
    [collecting, PERIODS, now],
  )
  const cabinets = await pool.query(
    `INSERT INTO cabinets (account_id, email, state)
    SELECT id, email, 'active' FROM accounts
    WHERE status = 'active' AND email IS NOT NULL AND abs(hashtext(id || ':cabinet')) % 100 < 40
    ON CONFLICT (account_id) DO NOTHING`,
  )
  return `показаний за ${PERIODS} периодов: ${readings.rowCount ?? 0}, личных кабинетов: ${cabinets.rowCount ?? 0}`
}
