import { questionDueUpkeep } from '../../src-main/modules/questions/question-due-upkeep'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, tableCounts, type TestApp } from '../support/test-app'

describe('the account card', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
    insertAccounts(t.app.local.sql, [
      anAccount({ id: 1, number: '40000001', phone: '+7 978 111-22-33', email: 'owner@mail.ru' }),
      anAccount({ id: 2, number: '40000002', houseType: 'private', apartment: null, status: 'active' }),
      anAccount({ id: 3, number: '40000003', status: 'closed' }),
    ])
    const db = t.app.local.sql
    db.exec(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status) VALUES
      (1, 1, 'СВ-1', 'кухня', '2018-01-10', '2024-01-10', 5, 'active'),
      (2, 1, 'СВ-2', 'ванная', '2022-05-01', '2028-05-01', 5, 'active')`)
    db.exec(`INSERT INTO readings (meter_id, period, value_milli, received_at, source) VALUES
      (1, '2026-08', 99998500, '2026-08-01T09:00:00Z', 'web'),
      (1, '2026-09', 1500, '2026-09-01T09:00:00Z', 'paper'),
      (1, '2026-10', 4250, '2026-10-02T09:00:00Z', 'phone')`)
    db.exec(
      `INSERT INTO cabinets (account_id, email, state, updated_at) VALUES (1, 'owner@mail.ru', 'active', '2026-01-01')`,
    )
    db.exec(`INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES
      (2, '2026-09', 'water', 50000), (2, '2026-09', 'sewerage', 40000)`)
    db.exec(
      `INSERT INTO payments (account_id, paid_on, amount_kopecks, channel) VALUES (2, '2026-10-05', 60000, 'РНКБ')`,
    )
    db.exec(`INSERT INTO web_requests (id, kind, account_number, applicant_surname, applicant_first_name,
      new_owner_surname, new_owner_first_name, effective_on, submitted_at, state, channel, version)
      VALUES (11, 'reRegistration', '40000001', 'Иванов', 'Иван', 'Петрова', 'Анна', '2026-11-01',
      '2026-10-20T10:00:00Z', 'inReview', 'office', 1)`)
    db.exec(`INSERT INTO web_questions (id, surname, first_name, email, account_number, linked_account, subject, message,
      submitted_at, state, version) VALUES (21, 'Иванов', 'Иван', 'ivanov@mail.ru', '40000001', '40000001',
      'Расчёт за водоотведение', '<b>текст</b>', '2026-11-01T09:00:00Z', 'new', 1)`)
    questionDueUpkeep(db).refresh([21], t.clock.now())
  })
  afterEach(() => t.dispose())

  it('shows both account numbers, the cabinet, meters with overdue verification and consumption with roll-over', async () => {
    const operator = await t.tokenFor('operator')
    const card = await t.call('accounts.card', { accountId: 1 }, operator)
    expect(card.account).toMatchObject({ number: '40000001', eircNumber: expect.stringMatching(/^9201/) })
    expect(card.cabinet).toEqual({ state: 'active', email: 'owner@mail.ru' })
    expect(card.meters.map((m) => [m.serial, m.verificationOverdue])).toEqual([
      ['СВ-1', true],
      ['СВ-2', false],
    ])
    expect(card.meters[0]!.readings.map((r) => [r.period, r.consumptionMilli])).toEqual([
      ['2026-08', null],
      ['2026-09', 3000],
      ['2026-10', 2750],
    ])
    expect(card.billing).toBeNull()
    expect(card.requests).toEqual([
      { id: 11, kind: 'reRegistration', state: 'in_review', filedAt: '2026-10-20T10:00:00Z' },
    ])
    // The question linked to the account, due 30 Moscow days after it came; the clock reads 24 November.
    expect(card.questions).toEqual([
      expect.objectContaining({
        id: 21,
        subject: 'Расчёт за водоотведение',
        state: 'new',
        submittedAt: '2026-11-01T09:00:00Z',
        dueOn: '2026-12-01',
        daysLeft: 7,
        due: 'onTime',
      }),
    ])
  })

  it('shows charges, payments and the balance for a private house', async () => {
    const card = await t.call('accounts.card', { accountId: 2 }, t.supervisorToken)
    expect(card.billing).toEqual({
      charges: [{ period: '2026-09', waterKopecks: 50000, sewerageKopecks: 40000 }],
      payments: [{ paidOn: '2026-10-05', amountKopecks: 60000, channel: 'РНКБ' }],
      balanceKopecks: -30000,
    })
  })

  it('lets a clerk edit contacts and address; the card history shows who, when, before and after', async () => {
    const clerk = await t.tokenFor('clerk')
    const card = await t.call(
      'accounts.updateContacts',
      {
        accountId: 1,
        expectedVersion: 1,
        phone: '+7 978 999-00-11',
        email: 'owner@mail.ru',
        street: 'ул. Ленина',
        house: '1',
        building: '',
        apartment: '1',
      },
      clerk,
    )
    expect(card.account).toMatchObject({ phone: '+7 978 999-00-11', version: 2 })
    expect(card.history).toEqual([
      expect.objectContaining({
        who: 'Сотрудник clerk1',
        action: 'изменил контакты',
        command: 'accounts.updateContacts',
        subject: 'ЛС 40000001',
        changes: [{ field: 'телефон', before: '+7 978 111-22-33', after: '+7 978 999-00-11' }],
      }),
    ])
    const search = await t.call('accounts.search', { query: '9789990011' }, clerk)
    expect(search.hits.map((h) => h.number)).toEqual(['40000001'])
    const outbox = t.app.local.sql
      .prepare(`SELECT payload_json FROM outbox WHERE command = 'accounts.updateContacts'`)
      .get() as {
      payload_json: string
    }
    expect(JSON.parse(outbox.payload_json)).toEqual({
      accountId: 1,
      baseVersion: 1,
      changes: { phone: { from: '+7 978 111-22-33', to: '+7 978 999-00-11' } },
    })
  })

  it('refuses an operator edit, a stale version, a bad email and a closed account, changing nothing', async () => {
    const operator = await t.tokenFor('operator')
    const clerk = await t.tokenFor('clerk')
    const edit = {
      accountId: 1,
      expectedVersion: 1,
      phone: '',
      email: 'x@mail.ru',
      street: 'ул. Ленина',
      house: '1',
      building: '',
      apartment: '1',
    }
    const before = tableCounts(t.app)
    expect(await t.refused('accounts.updateContacts', edit, operator)).toEqual({ code: 'FORBIDDEN' })
    expect(await t.refused('accounts.updateContacts', { ...edit, expectedVersion: 7 }, clerk)).toEqual({
      code: 'STALE_VERSION',
      params: { version: 1 },
    })
    expect(await t.refused('accounts.updateContacts', { ...edit, email: 'не почта' }, clerk)).toEqual({
      code: 'INVALID_INPUT',
      params: { fields: 'email' },
    })
    expect(await t.refused('accounts.updateContacts', { ...edit, phone: '12' }, clerk)).toEqual({
      code: 'INVALID_INPUT',
      params: { fields: 'phone' },
    })
    expect(await t.refused('accounts.updateContacts', { ...edit, accountId: 3 }, clerk)).toEqual({
      code: 'ACCOUNT_CLOSED',
    })
    expect(tableCounts(t.app)).toEqual(before)
  })

  it('sends a password-reset link only after the caller was verified, and records it', async () => {
    const operator = await t.tokenFor('operator')
    expect(
      await t.refused('accounts.sendPasswordReset', { accountId: 1, callerVerified: false }, operator),
    ).toEqual({
      code: 'CALLER_NOT_VERIFIED',
    })
    expect(
      await t.refused('accounts.sendPasswordReset', { accountId: 2, callerVerified: true }, operator),
    ).toEqual({
      code: 'NO_ACTIVE_CABINET',
    })
    await expect(
      t.call('accounts.sendPasswordReset', { accountId: 1, callerVerified: true }, operator),
    ).resolves.toEqual({
      email: 'owner@mail.ru',
    })
    const queued = t.app.local.sql
      .prepare(`SELECT payload_json FROM outbox WHERE command = 'accounts.sendPasswordReset'`)
      .all()
    expect(queued).toHaveLength(1)
    const card = await t.call('accounts.card', { accountId: 1 }, operator)
    expect(card.history[0]).toMatchObject({
      command: 'accounts.sendPasswordReset',
      who: 'Сотрудник operator1',
      action: 'отправил ссылку для смены пароля',
    })
  })

  it('lists the other accounts of the same flat, or of the same private house, current and closed', async () => {
    const clerk = await t.staffMember('clerk')
    insertAccounts(t.app.local.sql, [
      // The flat's previous owner's account, closed when the flat was sold; a neighbour's flat is not it.
      anAccount({
        id: 10,
        number: '40000010',
        surname: 'Сидорова',
        street: 'ул. Ленина',
        house: '1',
        apartment: '1',
        status: 'closed',
        openedOn: '2009-03-01',
        closedOn: '2014-12-31',
      }),
      anAccount({ id: 11, number: '40000011', street: 'ул. Ленина', house: '1', apartment: '7' }),
      // A second account of the private house (a summer kitchen): the whole house is one premise.
      anAccount({ id: 12, number: '40000012', houseType: 'private', apartment: '2' }),
    ])
    const flat = await t.call('accounts.card', { accountId: 1 }, clerk.token)
    expect(flat.premise.map((other) => [other.number, other.status, other.closedOn])).toEqual([
      ['40000010', 'closed', '2014-12-31'],
    ])
    expect(flat.premise[0]!.owner).toContain('Сидорова')
    const house = await t.call('accounts.card', { accountId: 2 }, clerk.token)
    expect(house.premise.map((other) => other.number)).toContain('40000012')
  })
})
