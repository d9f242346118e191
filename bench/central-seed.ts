import type pg from 'pg'

/**
 * Fills a migrated central database for the sync benchmark with set-based SQL: N accounts, two meters
 * each, 13 periods of readings per meter up to `lastPeriod`. Feed triggers are off while it loads
 * (`session_replication_role = replica`): a fresh console copies these rows, it does not replay them.
 */
export async function seedCentral(
  client: pg.ClientBase,
  accounts: number,
  lastPeriod: string,
): Promise<number> {
  await client.query(`SET session_replication_role = replica`)
  await client.query(`INSERT INTO staff (login, full_name, role, password_hash) VALUES
    ('bench', 'Бенчмарк', 'clerk', 'scrypt$bench')`)
  await client.query(
    `INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district, street, house,
    apartment, phone, email, house_type, status, opened_on)
    SELECT i, (40000000 + i)::text, '9201' || lpad(i::text, 8, '0'),
      (ARRAY['Иванов', 'Петрова', 'Сидоренко', 'Кузнецова', 'Бондарь', 'Мельник'])[1 + i % 6],
      (ARRAY['Анна', 'Иван', 'Олег', 'Мария'])[1 + i % 4], 'Петрович',
      (ARRAY['Ленинский', 'Гагаринский', 'Нахимовский', 'Балаклавский'])[1 + i % 4],
      'ул. Улица ' || (i % 500), (1 + i % 90)::text, (1 + i % 200)::text, '+7978' || lpad(i::text, 7, '0'),
      CASE WHEN i % 3 = 0 THEN 'user' || i || '@example.ru' END,
      CASE WHEN i % 5 = 0 THEN 'private' ELSE 'mkd' END, 'active', '2015-01-01'
    FROM generate_series(1, $1::int) AS i`,
    [accounts],
  )
  await client.query(
    `INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status)
    SELECT a * 2 - m, a, 'СВ-' || (a * 2 - m), CASE m WHEN 1 THEN 'кухня' ELSE 'ванная' END, '2020-01-01',
      '2030-01-01', 5, 'active'
    FROM generate_series(1, $1::int) AS a, generate_series(0, 1) AS m`,
    [accounts],
  )
  const { rowCount } = await client.query(
    `INSERT INTO readings (meter_id, period, value_milli, received_at, source)
    SELECT m.id, to_char(p.month, 'YYYY-MM'), (m.id % 1000) * 1000 + p.n * 4500, p.month + interval '1 day', 'web'
    FROM meters m, (SELECT n, ($1::date - make_interval(months => 12 - n))::timestamptz AS month
      FROM generate_series(0, 12) AS n) p`,
    [`${lastPeriod}-01`],
  )
  await client.query(`SET session_replication_role = origin`)
  await client.query(`ANALYZE`)
  return accounts * 3 + 1 + (rowCount ?? 0)
}
