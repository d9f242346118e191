import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type pg from 'pg'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts } from '../../support/central-database'
import { connectAsWebsite, resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp } from '../../support/test-app'

const central = useCentralService()
const OLD_HASH = '$argon2id$v=19$m=65536,t=3,p=4$old'
const NEW_HASH = '$argon2id$v=19$m=65536,t=3,p=4$new'

/** Password reset through the running service and the website's role (docs/portal-contract.md). */
describe('password reset, both ways: the website’s request and the operator’s “send link”', () => {
  let website: pg.Client
  let end: () => Promise<void>

  beforeAll(async () => {
    ;({ client: website, end } = await connectAsWebsite(central))
  })
  afterAll(async () => {
    await end?.()
  })
  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, number: '40000001', surname: 'Ковалёва' }),
      anAccount({ id: 2, number: '40000002', surname: 'Петренко' }),
    ])
    await central.pool.query(
      `INSERT INTO cabinets (account_id, email, state) VALUES (1, 'kovaleva@example.ru', 'active')`,
    )
    await central.pool.query(
      `INSERT INTO portal_passwords (account_number, password_hash) VALUES ('40000001', $1)`,
      [OLD_HASH],
    )
  })

  /** The website's request, as the contract shows it; answers the request's id. */
  async function askForReset(accountNumber: string, surname: string): Promise<string> {
    const { rows } = await website.query<{ id: string }>(
      `INSERT INTO portal_password_resets (account_number, surname) VALUES ($1, $2) RETURNING id`,
      [accountNumber, surname],
    )
    return rows[0]!.id
  }

  async function decided(id: string) {
    let row: { state: string; refusal: string | null } | undefined
    await vi.waitFor(
      async () => {
        const { rows } = await central.pool.query<{ state: string; refusal: string | null }>(
          `SELECT state, refusal FROM portal_password_resets WHERE id = $1`,
          [id],
        )
        row = rows[0]
        expect(row?.state).not.toBe('new')
      },
      { timeout: 30_000, interval: 100 },
    )
    return row!
  }

  /** The token from the last reset letter in the subscriber's mailbox. */
  async function tokenFromLetter(): Promise<{ token: string; to: string; body: string }> {
    const { rows } = await central.pool.query<{ to_address: string; body: string }>(
      `SELECT to_address, body FROM outgoing_mail WHERE template = 'passwordReset' ORDER BY id DESC LIMIT 1`,
    )
    const token = /\/reset-password\?token=([0-9a-f]{64})/.exec(rows[0]?.body ?? '')?.[1]
    if (!token) throw new Error('no reset letter with a link')
    return { token, to: rows[0]!.to_address, body: rows[0]!.body }
  }

  const setPassword = async (token: string, hash: string) =>
    (await website.query<{ answer: string }>(`SELECT portal_set_password($1, $2) AS answer`, [token, hash]))
      .rows[0]!.answer

  const storedHash = async (account: string) =>
    (await website.query<{ hash: string | null }>(`SELECT portal_password_hash($1) AS hash`, [account]))
      .rows[0]!.hash

  it('sends one single-use link for a surname typed as on the account, and the new password replaces the old', async () => {
    // Case and ё/е are not differences (the registration rule).
    const id = await askForReset('40000001', 'КОВАЛЕВА')
    expect(await decided(id)).toEqual({ state: 'sent', refusal: null })
    const letter = await tokenFromLetter()
    expect(letter.to).toBe('kovaleva@example.ru')
    expect(letter.body).toContain('действует 24 часа')
    expect(await storedHash('40000001')).toBe(OLD_HASH)
    expect(await setPassword(letter.token, NEW_HASH)).toBe('changed')
    expect(await storedHash('40000001')).toBe(NEW_HASH)
    expect(await setPassword(letter.token, OLD_HASH)).toBe('used')
    expect(await storedHash('40000001')).toBe(NEW_HASH)
  })

  it.each([
    // A wrong surname and a missing cabinet are answered alike: the page reveals nothing of whose
    // account it is; staff see the precise reason.
    ['a wrong surname', '40000001', 'Коваленко', 'notConfirmed', 'surnameMismatch'],
    ['an unknown account', '49999999', 'Ковалёва', 'unknownAccount', 'unknownAccount'],
    ['an account without an active cabinet', '40000002', 'Петренко', 'notConfirmed', 'noActiveCabinet'],
  ])('refuses %s and sends nothing', async (_case, account, surname, refusal, reason) => {
    const id = await askForReset(account, surname)
    expect(await decided(id)).toEqual({ state: 'refused', refusal })
    const staffSee = await central.pool.query(
      `SELECT refusal_reason FROM portal_password_resets WHERE id = $1`,
      [id],
    )
    expect(staffSee.rows).toEqual([{ refusal_reason: reason }])
    const { rows } = await central.pool.query(`SELECT 1 FROM outgoing_mail`)
    expect(rows).toHaveLength(0)
    // The website reads the answer back for its page.
    await website.query('BEGIN')
    await website.query(`SELECT set_config('vodokanal.account', $1, true)`, [account])
    const answer = await website.query(`SELECT state, refusal FROM portal_password_resets WHERE id = $1`, [
      id,
    ])
    await website.query('COMMIT')
    expect(answer.rows).toEqual([{ state: 'refused', refusal }])
  })

  it('keeps one live link per account: a repeat within the hour is answered “already sent”, and sends nothing', async () => {
    const first = await askForReset('40000001', 'Ковалёва')
    expect(await decided(first)).toEqual({ state: 'sent', refusal: null })
    const { token } = await tokenFromLetter()
    for (let i = 0; i < 3; i++) {
      const repeat = await askForReset('40000001', 'Ковалёва')
      expect(await decided(repeat)).toEqual({ state: 'refused', refusal: 'alreadySent' })
    }
    const letters = await central.pool.query(`SELECT 1 FROM outgoing_mail WHERE template = 'passwordReset'`)
    expect(letters.rows).toHaveLength(1)
    // An hour later a new link may go, and the earlier one stops working.
    await central.pool.query(
      `UPDATE portal_password_resets SET submitted_at = submitted_at - interval '61 minutes'`,
    )
    const later = await askForReset('40000001', 'Ковалёва')
    expect(await decided(later)).toEqual({ state: 'sent', refusal: null })
    expect(await setPassword(token, NEW_HASH)).toBe('expired')
    expect(await setPassword((await tokenFromLetter()).token, NEW_HASH)).toBe('changed')
  })

  it('answers an expired link and an unknown one without changing the password', async () => {
    const id = await askForReset('40000001', 'Ковалёва')
    await decided(id)
    const { token } = await tokenFromLetter()
    await central.pool.query(`UPDATE portal_password_resets SET expires_at = now() - interval '1 second'`)
    expect(await setPassword(token, NEW_HASH)).toBe('expired')
    expect(await setPassword('0'.repeat(64), NEW_HASH)).toBe('unknownToken')
    expect(await storedHash('40000001')).toBe(OLD_HASH)
  })

  it('the operator’s “send link” on the card takes the same path: a real single-use link', async () => {
    const console_ = await buildTestApp({ central: { service: central } })
    try {
      const operator = await console_.tokenFor('operator')
      await console_.call('accounts.sendPasswordReset', { accountId: 1, callerVerified: true }, operator)
      expect(await console_.app.sync!.syncNow()).toMatchObject({ pendingCommands: 0, refusedCommands: 0 })
      const { rows } = await central.pool.query<{ state: string; requested_by: string }>(
        `SELECT state, requested_by FROM portal_password_resets`,
      )
      expect(rows).toEqual([{ state: 'sent', requested_by: expect.stringMatching(/operator/) as string }])
      const { token } = await tokenFromLetter()
      expect(await setPassword(token, NEW_HASH)).toBe('changed')
    } finally {
      await console_.dispose()
    }
  })

  it('shows every request on the card, who asked and what became of it; the website’s in the card’s history', async () => {
    const refusedId = await askForReset('40000001', 'Иванова')
    expect(await decided(refusedId)).toMatchObject({ state: 'refused' })
    const console_ = await buildTestApp({ central: { service: central } })
    try {
      const operator = await console_.tokenFor('operator')
      await console_.call('accounts.sendPasswordReset', { accountId: 1, callerVerified: true }, operator)
      await console_.app.sync!.syncNow()
      await vi.waitFor(
        async () => {
          await console_.app.sync!.syncNow()
          const card = await console_.call('accounts.card', { accountId: 1 }, operator)
          expect(card.passwordResets).toHaveLength(2)
        },
        { timeout: 30_000, interval: 200 },
      )
      const card = await console_.call('accounts.card', { accountId: 1 }, operator)
      expect(card.passwordResets).toEqual([
        expect.objectContaining({ by: expect.any(String), outcome: 'ссылка отправлена', sent: true }),
        expect.objectContaining({
          by: null,
          surname: 'Иванова',
          outcome: 'не отправлена: фамилия не совпала с фамилией владельца',
          sent: false,
        }),
      ])
      expect(card.history).toContainEqual(
        expect.objectContaining({
          who: 'сайт (абонент)',
          action: 'запросил восстановление пароля',
          changes: [
            { field: 'итог', before: '', after: 'не отправлена: фамилия не совпала с фамилией владельца' },
          ],
        }),
      )
      // The token's hash stays on the service.
      const columns = console_.app.local.sql
        .prepare(`SELECT name FROM pragma_table_info('web_password_resets')`)
        .pluck()
        .all()
      expect(columns).not.toContain('token_hash')
    } finally {
      await console_.dispose()
    }
  })
})
