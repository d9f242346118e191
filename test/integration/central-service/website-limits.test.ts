import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  WEBSITE_ATTACHMENTS_PER_REQUEST,
  WEBSITE_LIMITS,
} from '../../../src-central/db/migrations/1764100000030-website-limits-and-one-accepted-reading'
import { aMeter, anAccount } from '../../support/account-builder'
import { insertCentralAccounts, insertCentralMeters } from '../../support/central-database'
import { connectAsWebsite, resetCentral, useCentralService } from '../../support/central-service'

const central = useCentralService()

/**
 * The limits on what the website writes (docs/portal-contract.md#limits): each one reached as the
 * website's role, refused past it by name, and never applied to staff writing through the service.
 */
describe('the website’s limits', () => {
  let website: pg.Client
  let end: () => Promise<void>

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, number: '40000001', surname: 'Ковалёва' }),
      anAccount({ id: 2, number: '40000002', surname: 'Петренко' }),
    ])
    await insertCentralMeters(central.pool, [aMeter({ id: 11, accountId: 1, serial: 'СВ-11' })])
    ;({ client: website, end } = await connectAsWebsite(central))
  })
  afterAll(async () => {
    await end?.()
  })
  beforeEach(async () => {
    for (const table of [
      'portal_request_attachments',
      'portal_request_steps',
      'portal_requests',
      'portal_question_messages',
      'portal_question_steps',
      'portal_questions',
      'portal_registrations',
      'portal_readings',
    ])
      await central.pool.query(`DELETE FROM ${table}`)
  })

  async function asWebsite(sql: string, params: unknown[], account: string) {
    await website.query('BEGIN')
    try {
      await website.query(`SELECT set_config('vodokanal.account', $1, true)`, [account])
      const result = await website.query<{ id: string }>(sql, params)
      await website.query('COMMIT')
      return result
    } catch (error) {
      await website.query('ROLLBACK')
      throw error
    }
  }

  const reading = (account: string) =>
    asWebsite(
      `INSERT INTO portal_readings (account_number, meter_serial, value_text) VALUES ($1, 'СВ-11', '105') RETURNING id`,
      [account],
      account,
    )
  const question = (account: string) =>
    asWebsite(
      `INSERT INTO portal_questions (surname, first_name, email, account_number, subject, message)
      VALUES ('Ковалёва', 'Анна', 'anna@example.ru', $1, 'Начисление', 'Почему так много?') RETURNING id`,
      [account],
      account,
    )
  const request = (account: string) =>
    asWebsite(
      `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name)
      VALUES ('closure', $1, 'Ковалёва', 'Анна') RETURNING id`,
      [account],
      account,
    )
  const writers: Record<(typeof WEBSITE_LIMITS)[number]['name'], (account: string) => Promise<unknown>> = {
    portal_readings_daily_limit: reading,
    portal_registrations_daily_limit: (account) =>
      asWebsite(
        `INSERT INTO portal_registrations (account_number, surname, email, password_hash)
        VALUES ($1, 'Ковалёва', 'anna@example.ru', 'argon2id$v=19$m=65536') RETURNING id`,
        [account],
        account,
      ),
    portal_questions_daily_limit: question,
    portal_question_messages_daily_limit: async (account) => {
      const existing = await central.pool.query<{ id: string }>(
        `SELECT id FROM portal_questions WHERE account_number = $1`,
        [account],
      )
      const id = existing.rows[0]?.id ?? (await question(account)).rows[0]!.id
      return asWebsite(
        `INSERT INTO portal_question_messages (question_id, body) VALUES ($1, 'И ещё вопрос') RETURNING id`,
        [id],
        account,
      )
    },
    portal_requests_daily_limit: request,
  }

  it.each(WEBSITE_LIMITS.map((limit) => [limit.name, limit.max] as const))(
    '%s: %i a day are taken, the next one is refused by name; another subscriber is not affected',
    async (name, max) => {
      const write = writers[name]
      for (let i = 0; i < max; i++) await write('40000001')
      await expect(write('40000001')).rejects.toMatchObject({ code: '54000', constraint: name })
      await expect(write('40000002')).resolves.toBeTruthy()
    },
  )

  it('counts rows written a day ago no more', async () => {
    for (let i = 0; i < 30; i++) await reading('40000001')
    await central.pool.query(`UPDATE portal_readings SET submitted_at = now() - interval '25 hours'`)
    await expect(reading('40000001')).resolves.toBeTruthy()
  })

  it('staff writing through the service are not limited', async () => {
    for (let i = 0; i < 7; i++)
      await central.pool.query(
        `INSERT INTO portal_requests (kind, account_number, applicant_surname, applicant_first_name, channel)
        VALUES ('closure', '40000001', 'Ковалёва', 'Анна', 'office')`,
      )
    const { rows } = await central.pool.query(`SELECT count(*)::int AS n FROM portal_requests`)
    expect(rows).toEqual([{ n: 7 }])
  })

  it(`takes at most ${WEBSITE_ATTACHMENTS_PER_REQUEST} files and 48 MiB in all for one request`, async () => {
    const attach = (requestId: string, bytes: number) =>
      asWebsite(
        `INSERT INTO portal_request_attachments (request_id, file_name, media_type, size_bytes, content)
        VALUES ($1, 'скан.pdf', 'application/pdf', $2, convert_to(repeat('%', $2), 'UTF8')) RETURNING id`,
        [requestId, bytes],
        '40000001',
      )
    const small = (await request('40000001')).rows[0]!.id
    for (let i = 0; i < WEBSITE_ATTACHMENTS_PER_REQUEST; i++) await attach(small, 1000)
    await expect(attach(small, 1000)).rejects.toMatchObject({
      code: '54000',
      constraint: 'portal_request_attachments_limit',
    })
    const large = (await request('40000001')).rows[0]!.id
    const MiB = 1024 * 1024
    await attach(large, 20 * MiB)
    await attach(large, 20 * MiB)
    await expect(attach(large, 9 * MiB)).rejects.toMatchObject({
      code: '54000',
      constraint: 'portal_request_attachments_limit',
    })
    await expect(attach(large, 8 * MiB)).resolves.toBeTruthy()
  })

  it('the contract lists exactly these limits', () => {
    const contract = readFileSync(resolve('docs/portal-contract.md'), 'utf8')
    const section = contract.slice(
      contract.indexOf('### Limits'),
      contract.indexOf('## What the website reads'),
    )
    const documented = [...section.matchAll(/^\| `(portal_\w+_limit)` +\|/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual(
      [...WEBSITE_LIMITS.map((l) => l.name), 'portal_request_attachments_limit'].sort(),
    )
  })
})
