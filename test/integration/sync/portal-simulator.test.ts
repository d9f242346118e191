import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulatePortal } from '../../../scripts/portal/simulator'
import { FEMALE_NAMES } from '../../../src-main/seed/sevastopol'
import { useCentralService } from '../../support/central-service'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()

const ids = async (table: string) =>
  (await central.pool.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => r.id)
const localIds = (t: TestApp, table: string) =>
  t.app.local.sql.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[]

describe('the website simulator writing while two consoles sync', () => {
  let a: TestApp
  let b: TestApp

  beforeAll(async () => {
    await central.pool
      .query(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, district, street,
      house, apartment, house_type, status, opened_on)
      SELECT n, (40000000 + n)::text, (920100000000 + n)::text, 'Орлова', 'Нина', 'Ленинский', 'ул. Ленина', '1',
        n::text, 'mkd', 'active', '2015-01-01' FROM generate_series(1, 200) AS n`)
    await central.pool
      .query(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits,
      status) SELECT n, n, 'СВ-' || n, 'кухня', '2020-01-01', '2030-01-01', 5, 'active' FROM generate_series(1, 200) AS n`)
    a = await buildTestApp({ central: { service: central } })
    b = await buildTestApp({ central: { service: central } })
  })
  afterAll(async () => {
    await a.dispose()
    await b.dispose()
  })

  it('every row the website writes reaches both consoles', async () => {
    // Both consoles are woken by the central database's notifications while the website writes.
    // A fixed amount of work at the website's pace, however busy the machine is.
    const report = await simulatePortal({
      url: central.url,
      minutes: 1,
      rate: 1_500,
      submissions: 60,
      seed: 7,
    })
    expect(report.submitted.reading + report.submitted.registration).toBeGreaterThan(30)
    for (let round = 0; round < 3; round++) {
      await a.app.sync!.syncNow()
      await b.app.sync!.syncNow()
    }
    for (const [portal, local] of [
      ['portal_readings', 'web_readings'],
      ['portal_registrations', 'web_registrations'],
      ['portal_questions', 'web_questions'],
      ['portal_requests', 'web_requests'],
    ] as const) {
      const written = await ids(portal)
      expect(localIds(a, local), local).toEqual(written)
      expect(localIds(b, local), local).toEqual(written)
    }
    // Every web reading was checked once by one of the consoles, and both show the same outcome.
    const states = await central.pool.query(
      `SELECT count(*)::int AS n FROM portal_readings WHERE state = 'new'`,
    )
    expect(states.rows[0]).toEqual({ n: 0 })
    const outcome = (t: TestApp) =>
      t.app.local.sql.prepare(`SELECT id, state FROM web_readings ORDER BY id`).all()
    expect(outcome(a)).toEqual(outcome(b))

    // People are written as people are: a woman's first name with a woman's patronymic and surname.
    const people = await central.pool.query<{ surname: string; first: string; patronymic: string | null }>(
      `SELECT surname, first_name AS first, patronymic FROM portal_questions
      UNION ALL SELECT applicant_surname, applicant_first_name, applicant_patronymic FROM portal_requests
      UNION ALL SELECT new_owner_surname, new_owner_first_name, new_owner_patronymic FROM portal_requests
        WHERE new_owner_surname IS NOT NULL`,
    )
    expect(people.rows.length).toBeGreaterThan(0)
    const female = new Set<string>(FEMALE_NAMES)
    const mixed = people.rows.filter(({ surname, first, patronymic }) => {
      const she = female.has(first)
      return (
        (patronymic !== null && patronymic.endsWith('вна') !== she) ||
        (she ? /(ов|ев|ёв|ин|ын|ий)$/.test(surname) : /(ова|ева|ёва|ина|ына|ая)$/.test(surname))
      )
    })
    expect(mixed).toEqual([])
    // And they do not all ask the same thing.
    const messages = await central.pool.query(
      `SELECT count(DISTINCT message)::int AS n FROM portal_questions`,
    )
    expect(messages.rows[0].n).toBeGreaterThan(1)
  })

  it('runs from the command line as npm run portal:simulate', () => {
    const output = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/portal-simulate.ts',
        '--url',
        central.url,
        '--minutes',
        '0.01',
        '--rate',
        '600',
      ],
      { encoding: 'utf8' },
    )
    expect(output).toMatch(/^Отправлено: показаний \d+, регистраций \d+/)
  })
})
