import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts, registerOnWebsite } from '../../support/central-database'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()
const aConsole = () => buildTestApp({ central: { service: central } })

const mail = async () =>
  (await central.pool.query(`SELECT to_address, template, subject, body FROM outgoing_mail ORDER BY id`))
    .rows as {
    to_address: string
    template: string
    subject: string
    body: string
  }[]

const registration = async (id: number) =>
  (
    await central.pool.query(
      `SELECT state, decided_by, reject_reason, activation_token IS NOT NULL AS has_token FROM portal_registrations WHERE id = $1`,
      [id],
    )
  ).rows[0] as { state: string; decided_by: string | null; reject_reason: string | null; has_token: boolean }

describe('web registrations through the central database', () => {
  let a: TestApp
  let b: TestApp
  let clerkA: string
  let clerkB: string

  beforeEach(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({ id: 1, surname: 'Семёнова', firstName: 'Анна' }),
      anAccount({ id: 2, surname: 'Петров-Водкин', firstName: 'Кузьма' }),
      anAccount({ id: 3, surname: 'Орлов' }),
      anAccount({ id: 4, surname: 'Закрытова', status: 'closed', closedOn: '2026-01-01' }),
    ])
    a = await aConsole()
    b = await aConsole()
    clerkA = await a.tokenFor('clerk')
    clerkB = await b.tokenFor('supervisor')
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
  })
  afterEach(async () => {
    await a.dispose()
    await b.dispose()
  })

  it('reach the queue with their checks run, oldest first', async () => {
    await registerOnWebsite(central.pool, {
      accountNumber: '40000001',
      surname: 'семенова',
      email: 'anna@example.ru',
      submittedAt: '2026-11-20T08:00:00Z',
    })
    await registerOnWebsite(central.pool, {
      accountNumber: '40000003',
      surname: 'Орлова',
      email: 'orl@example.ru',
      submittedAt: '2026-11-21T08:00:00Z',
    })
    await registerOnWebsite(central.pool, {
      accountNumber: '40000004',
      surname: 'Закрытова',
      email: 'z@example.ru',
      submittedAt: '2026-11-22T08:00:00Z',
    })
    await a.app.sync!.syncNow()

    const { items, total } = await a.call('registrations.queue', {}, clerkA)
    expect(total).toBe(3)
    expect(
      items.map((i) => [
        i.accountNumber,
        i.allPassed,
        i.checks.filter((c) => !c.passed).map((c) => c.reason),
      ]),
    ).toEqual([
      ['40000001', true, []],
      ['40000003', false, ['mismatch']],
      ['40000004', false, ['accountClosed']],
    ])
    expect(items[1]!.owner).toMatchObject({ surname: 'Орлов', status: 'active' })
    const attention = await a.call('registrations.queue', { filter: 'needsAttention' }, clerkA)
    expect(attention.items.map((i) => i.accountNumber)).toEqual(['40000003', '40000004'])
    expect(await a.call('registrations.pendingCount', {}, clerkA)).toEqual({ pending: 3 })
  })

  it('confirming writes the decision, the confirmed cabinet and exactly one activation letter', async () => {
    const id = await registerOnWebsite(central.pool, {
      accountNumber: '40000002',
      surname: 'Петров Водкин',
      email: 'kuzma@example.ru',
    })
    await a.app.sync!.syncNow()
    await a.call('registrations.open', { registrationId: id }, clerkA)
    expect(await a.call('registrations.decide', { registrationId: id, decision: 'confirm' }, clerkA)).toEqual(
      {
        state: 'applied',
      },
    )
    // A retry of the push (a lost answer) must not mail twice.
    await a.app.sync!.syncNow()

    expect(await registration(id)).toEqual({
      state: 'confirmed',
      decided_by: 'clerk1',
      reject_reason: null,
      has_token: true,
    })
    const cabinets = await central.pool.query(`SELECT account_id, email, state FROM cabinets`)
    expect(cabinets.rows).toEqual([{ account_id: 2, email: 'kuzma@example.ru', state: 'confirmed' }])
    const letters = await mail()
    expect(letters).toHaveLength(1)
    expect(letters[0]).toMatchObject({
      to_address: 'kuzma@example.ru',
      template: 'registrationConfirmed',
      subject: 'Регистрация в личном кабинете ГУП «Водоканал» подтверждена',
    })
    expect(letters[0]!.body).toContain('лицевого счёта № 40000002')
    expect(letters[0]!.body).toMatch(/activate\?token=[0-9a-f]{64}/)

    // The subscriber follows the link: the website activates the cabinet (docs/portal-contract.md).
    await central.pool.query(
      `UPDATE portal_registrations SET state = 'activated', activated_at = now() WHERE id = $1`,
      [id],
    )
    await central.pool.query(`UPDATE cabinets SET state = 'active', updated_at = now() WHERE account_id = 2`)
    await b.app.sync!.syncNow()
    const card = await b.call('accounts.card', { accountId: 2 }, clerkB)
    expect(card.cabinet).toEqual({ state: 'active', email: 'kuzma@example.ru' })
  })

  it('refuses to confirm a mismatch and changes nothing; a rejection mails the reason', async () => {
    const id = await registerOnWebsite(central.pool, {
      accountNumber: '40000003',
      surname: 'Орлова',
      email: 'o@example.ru',
    })
    await a.app.sync!.syncNow()
    const refusal = await a.refused(
      'registrations.decide',
      { registrationId: id, decision: 'confirm' },
      clerkA,
    )
    expect(refusal).toEqual({ code: 'REGISTRATION_CHECKS_FAILED', params: { checks: 'surnameMatches' } })
    expect(await registration(id)).toMatchObject({ state: 'pending' })

    await a.call(
      'registrations.decide',
      { registrationId: id, decision: 'reject', reason: 'Фамилия не совпадает с фамилией владельца счёта' },
      clerkA,
    )
    expect(await registration(id)).toMatchObject({
      state: 'rejected',
      reject_reason: 'Фамилия не совпадает с фамилией владельца счёта',
      has_token: false,
    })
    const letters = await mail()
    expect(letters.map((l) => [l.to_address, l.template])).toEqual([['o@example.ru', 'registrationRejected']])
    expect(letters[0]!.body).toContain('Причина: Фамилия не совпадает с фамилией владельца счёта')
    expect((await central.pool.query(`SELECT count(*)::int AS n FROM cabinets`)).rows[0].n).toBe(0)
  })

  it('two consoles deciding the same one at once: one wins, the other is told who and when', async () => {
    const id = await registerOnWebsite(central.pool, {
      accountNumber: '40000001',
      surname: 'Семенова',
      email: 'a@example.ru',
    })
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
    // Both consoles hold it as pending and decide before either hears of the other.
    const outcomes = await Promise.all([
      a.app.router.invoke({
        channel: 'registrations.decide',
        payload: { registrationId: id, decision: 'confirm' },
        token: clerkA,
      }),
      b.app.router.invoke({
        channel: 'registrations.decide',
        payload: { registrationId: id, decision: 'reject', reason: 'Повторная регистрация' },
        token: clerkB,
      }),
    ])
    const winner = outcomes[0].ok
      ? { app: a, login: 'clerk1', name: 'Сотрудник clerk1', state: 'confirmed' }
      : { app: b, login: 'supervisor1', name: 'Сотрудник supervisor1', state: 'rejected' }
    const loser = winner.app === a ? b : a
    const lost = outcomes[winner.app === a ? 1 : 0]!
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(lost).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED', params: { by: winner.name } } })

    expect(await registration(id)).toMatchObject({ state: winner.state, decided_by: winner.login })
    expect((await mail()).length).toBe(1)
    // The losing console now shows the winner's decision, not its own, and lists its refused command.
    const local = loser.app.local.sql
      .prepare(`SELECT state, decided_by FROM web_registrations WHERE id = ?`)
      .get(id)
    expect(local).toEqual({ state: winner.state, decided_by: winner.login })
    const refusals = await loser.call('sync.refusals', {}, loser === a ? clerkA : clerkB)
    expect(refusals.map((r) => [r.command, r.code, r.params.by])).toEqual([
      ['registrations.decide', 'ALREADY_DECIDED', winner.name],
    ])
  })

  it('an opened registration is shown as taken on the other console, which cannot decide it', async () => {
    const id = await registerOnWebsite(central.pool, {
      accountNumber: '40000001',
      surname: 'Семенова',
      email: 'a@example.ru',
    })
    await a.app.sync!.syncNow()
    await a.call('registrations.open', { registrationId: id }, clerkA)
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()

    const seen = await b.call('registrations.open', { registrationId: id }, clerkB)
    expect(seen.takenBy).toMatchObject({ fullName: 'Сотрудник clerk1', login: 'clerk1' })
    const refusal = await b.refused(
      'registrations.decide',
      { registrationId: id, decision: 'confirm' },
      clerkB,
    )
    expect(refusal).toMatchObject({ code: 'ALREADY_CLAIMED', params: { by: 'Сотрудник clerk1' } })

    // Closing it lets it go: the other console may now take it.
    await a.call('registrations.close', { registrationId: id }, clerkA)
    await a.app.sync!.syncNow()
    await b.app.sync!.syncNow()
    expect((await b.call('registrations.open', { registrationId: id }, clerkB)).takenBy).toBeNull()
    await b.call('registrations.decide', { registrationId: id, decision: 'confirm' }, clerkB)
    expect(await registration(id)).toMatchObject({ state: 'confirmed', decided_by: 'supervisor1' })
  })

  it('confirms in bulk only those whose checks all pass', async () => {
    const good1 = await registerOnWebsite(central.pool, {
      accountNumber: '40000001',
      surname: 'Семенова',
      email: 'a@example.ru',
    })
    const good2 = await registerOnWebsite(central.pool, {
      accountNumber: '40000002',
      surname: 'Петрова-Водкина'.replace('Петрова', 'Петров').replace('Водкина', 'Водкин'),
      email: 'k@example.ru',
    })
    const bad = await registerOnWebsite(central.pool, {
      accountNumber: '49999999',
      surname: 'Никто',
      email: 'n@example.ru',
    })
    await a.app.sync!.syncNow()
    const result = await a.call('registrations.confirmAll', { registrationIds: [good1, good2, bad] }, clerkA)
    expect(result).toEqual({
      confirmed: 2,
      skipped: [{ registrationId: bad, code: 'REGISTRATION_CHECKS_FAILED' }],
    })
    await a.app.sync!.syncNow()
    expect((await registration(good1)).state).toBe('confirmed')
    expect((await registration(good2)).state).toBe('confirmed')
    expect((await registration(bad)).state).toBe('pending')
    expect((await mail()).length).toBe(2)
  })
})
