import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fillTemplate } from '@shared/domain/questions/reply-templates'
import { ruPeriod } from '@shared/domain/russian-text'
import { fileQuestion, replyAsSubscriber, type FiledQuestion } from '../../../scripts/portal/simulator'
import { anAccount } from '../../support/account-builder'
import { insertCentralAccounts } from '../../support/central-database'
import { connectAsWebsite, resetCentral, useCentralService } from '../../support/central-service'
import { monthBeforeTestClock } from '../../support/clock'
import { buildTestApp, settle, TEST_PASSWORD, type TestApp } from '../../support/test-app'

const central = useCentralService()
const LAST_MONTH = monthBeforeTestClock(1)
const MONTH_BEFORE = monthBeforeTestClock(2)

/**
 * The questions inbox through the service on real PostgreSQL (docs/business-rules.md#subscribers-questions):
 * the due clock with its pauses over month ends in Moscow time, exactly one letter when two consoles answer
 * at once, a claim held by another blocking the send (and the answer kept), templates filled from the
 * account, the linking rules, and the rotation among the staff on shift.
 */
describe('the questions inbox, centrally', () => {
  let first: TestApp
  let second: TestApp
  let clerk: { login: string; token: string }
  let otherClerk: { login: string; token: string }

  const ask = async (question: Partial<FiledQuestion> = {}) => {
    const website = await connectAsWebsite(central)
    try {
      return await fileQuestion(website.client, {
        surname: 'Орлова',
        firstName: 'Нина',
        patronymic: 'Петровна',
        email: 'orlova@mail.ru',
        accountNumber: '40000001',
        subject: 'Почему начислено по нормативу?',
        message: 'Прошу разъяснить начисление за октябрь.',
        ...question,
      })
    } finally {
      await website.end()
    }
  }
  const rows = async (sql: string, params: unknown[] = []) => (await central.pool.query(sql, params)).rows
  const letters = (questionId: number) =>
    rows(`SELECT to_address, subject, body FROM outgoing_mail WHERE subject LIKE $1`, [`%№ ${questionId}:%`])

  beforeAll(async () => {
    await resetCentral(central)
    await insertCentralAccounts(central.pool, [
      anAccount({
        id: 1,
        number: '40000001',
        surname: 'Орлова',
        firstName: 'Нина',
        patronymic: 'Петровна',
        houseType: 'private',
        email: 'orlova@mail.ru',
      }),
      anAccount({ id: 2, number: '40000002', email: 'twice@mail.ru', phone: '+7 978 111-22-33' }),
      anAccount({ id: 3, number: '40000003', email: 'twice@mail.ru' }),
      anAccount({ id: 4, number: '40000004', phone: '+7 978 555-66-77' }),
    ])
    // Billed last month and the month before, as the pinned clock stands.
    await central.pool.query(
      `INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES
      (1, $1, 'water', 84250), (1, $1, 'sewerage', 40000), (1, $2, 'water', 50000)`,
      [LAST_MONTH, MONTH_BEFORE],
    )
    await central.pool.query(
      `INSERT INTO payments (billing_id, account_id, paid_on, amount_kopecks, channel) VALUES
      ('p1', 1, $1, 100000, 'bank'), ('p2', 1, $2, 50000, 'bank')`,
      [`${LAST_MONTH}-15`, `${MONTH_BEFORE}-10`],
    )
    first = await buildTestApp({ central: { service: central } })
    second = await buildTestApp({ central: { service: central } })
    clerk = await first.staffMember('clerk')
    const other = await first.staffMember('clerk')
    await settle(first, second)
    otherClerk = {
      login: other.login,
      token: (await second.call('auth.signIn', { login: other.login, password: TEST_PASSWORD })).token,
    }
  })
  afterAll(async () => {
    await first.dispose()
    await second.dispose()
  })
  beforeEach(async () => {
    await central.pool.query(`UPDATE inbox_settings SET round_robin = false`)
    await settle(first, second)
  })

  it('counts 30 Moscow days from arrival and stops the clock while waiting for the subscriber, over month ends', async () => {
    const id = await ask()
    // Arrived 1 February in Moscow (31 January in UTC): due 30 days on, 3 March (2026 is no leap year).
    await central.pool.query(
      `UPDATE portal_questions SET submitted_at = '2026-01-31T22:30:00Z' WHERE id = $1`,
      [id],
    )
    await central.pool.query(
      `UPDATE portal_question_steps SET at = '2026-01-31T22:30:00Z' WHERE question_id = $1`,
      [id],
    )
    await settle(first)
    let item = await first.call('questions.detail', { questionId: id }, clerk.token)
    expect(item.dueOn).toBe('2026-03-03')
    expect(item.due).toBe('overdue')

    // An answer asks for more: the clock stops from that Moscow day (28 February, 27th in UTC).
    await first.call('questions.open', { questionId: id }, clerk.token)
    const opened = await first.call('questions.detail', { questionId: id }, clerk.token)
    await first.call(
      'questions.answer',
      {
        questionId: id,
        body: 'Пришлите показания на сегодня.',
        then: 'waiting',
        seenMessageId: opened.lastMessageId,
      },
      clerk.token,
    )
    await central.pool.query(
      `UPDATE portal_question_steps SET at = '2026-02-27T21:30:00Z' WHERE question_id = $1 AND to_state = 'waiting'`,
      [id],
    )
    await settle(first)
    item = await first.call('questions.detail', { questionId: id }, clerk.token)
    expect(item.state).toBe('waiting')
    expect(item.due).toBe('paused')
    expect(
      (await first.call('questions.inbox', { view: 'waiting' }, clerk.token)).items.map((q) => q.id),
    ).toContain(id)
    expect(
      (await first.call('questions.inbox', { view: 'overdue' }, clerk.token)).items.map((q) => q.id),
    ).not.toContain(id)

    // The subscriber writes on 2 March, one minute before Moscow midnight: two days stood still.
    const website = await connectAsWebsite(central)
    await replyAsSubscriber(website.client, {
      questionId: id,
      accountNumber: '40000001',
      body: 'Показания: 00123.',
    })
    await website.end()
    await central.pool.query(
      `UPDATE portal_question_steps SET at = '2026-03-02T20:59:00Z' WHERE question_id = $1 AND reason = 'reply'`,
      [id],
    )
    await settle(first)
    item = await first.call('questions.detail', { questionId: id }, clerk.token)
    expect(item.state).toBe('taken')
    expect(item.dueOn).toBe('2026-03-05')
    expect(item.messages.map((m) => m.kind)).toEqual(['question', 'answer', 'reply'])
    expect(
      (await first.call('questions.inbox', { view: 'overdue' }, clerk.token)).items.map((q) => q.id),
    ).toContain(id)
    await first.call('questions.release', { questionId: id }, clerk.token)
  })

  it('sends exactly one answer when two consoles answer at once', async () => {
    const id = await ask({ email: 'both@mail.ru' })
    await settle(first, second)
    const seen = (await first.call('questions.detail', { questionId: id }, clerk.token)).lastMessageId
    const outcomes = await Promise.allSettled([
      first.call(
        'questions.answer',
        { questionId: id, body: 'Ответ первой консоли.', seenMessageId: seen },
        clerk.token,
      ),
      second.call(
        'questions.answer',
        { questionId: id, body: 'Ответ второй консоли.', seenMessageId: seen },
        otherClerk.token,
      ),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refusal = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refusal.reason.contract).toMatchObject({ code: 'ALREADY_ANSWERED' })
    expect(await letters(id)).toHaveLength(1)
    expect(
      await rows(
        `SELECT count(*)::int AS n FROM portal_question_messages WHERE question_id = $1 AND kind = 'answer'`,
        [id],
      ),
    ).toEqual([{ n: 1 }])
    // The loser's text is not lost: it stays on its console, marked as not sent, with why.
    await settle(first, second)
    const loser = outcomes[0]!.status === 'rejected' ? first : second
    const token = loser === first ? clerk.token : otherClerk.token
    const kept = (await loser.call('questions.detail', { questionId: id }, token)).messages.filter(
      (m) => m.delivery === 'refused',
    )
    expect(kept).toHaveLength(1)
    expect(kept[0]!.refusal?.code).toBe('ALREADY_ANSWERED')
  })

  it('refuses to send while another person has the question open, and a supervisor can take it over', async () => {
    const id = await ask()
    await settle(first, second)
    await first.call('questions.open', { questionId: id }, clerk.token)
    await settle(first)
    // The second console has not heard of the claim yet: the central service refuses for it.
    const refusal = await second.refused(
      'questions.answer',
      { questionId: id, body: 'Ответ поверх чужой работы.', seenMessageId: 0 },
      otherClerk.token,
    )
    expect(refusal).toMatchObject({ code: 'ALREADY_CLAIMED' })
    expect(await letters(id)).toHaveLength(0)
    // Once synced, the second console says who has it before anything is sent.
    await settle(second)
    const seenThere = await second.call('questions.open', { questionId: id }, otherClerk.token)
    expect(seenThere.heldBy).not.toBeNull()
    // A supervisor takes it over; the clerk's next send is refused with the supervisor's name.
    await second.call('questions.takeOver', { questionId: id }, second.supervisorToken)
    await settle(second, first)
    const after = await first.refused(
      'questions.answer',
      { questionId: id, body: 'Мой ответ.', seenMessageId: 0 },
      clerk.token,
    )
    expect(after.code).toBe('ALREADY_CLAIMED')
  })

  it('fills reply templates from the account and sends the letter through the mail queue', async () => {
    const id = await ask()
    await settle(first)
    const question = await first.call('questions.open', { questionId: id }, clerk.token)
    expect(question.account?.number).toBe('40000001')
    const templates = (await first.call('questions.templates', {}, clerk.token)).items
    const charges = templates.find((t) => t.name === 'Начисления')!
    const text = fillTemplate(charges.body, question.placeholders)
    expect(text).toContain('Здравствуйте, Нина Петровна!')
    expect(text).toContain(`По лицевому счёту 40000001 за ${ruPeriod(LAST_MONTH)}:`)
    expect(text).toContain('— начислено: 1\u00a0242,50 руб.\n— оплачено: 1\u00a0000,00 руб.')
    expect(text).toContain('— задолженность на сегодня: 242,50 руб.')
    expect(text).not.toContain('{{')
    await first.call(
      'questions.answer',
      { questionId: id, body: text, seenMessageId: question.lastMessageId },
      clerk.token,
    )
    const [letter] = await letters(id)
    expect(letter).toMatchObject({ to_address: 'orlova@mail.ru' })
    expect(letter.body).toContain('— начислено: 1\u00a0242,50 руб.')
    expect(letter.body).toContain('Прошу разъяснить начисление за октябрь.')
    // The website sees the answer; never a note.
    await first.call(
      'questions.note',
      { questionId: id, body: 'Проверить перерасчёт в декабре.' },
      clerk.token,
    )
    const website = await connectAsWebsite(central)
    await website.client.query('BEGIN')
    await website.client.query(`SELECT set_config('vodokanal.account', '40000001', true)`)
    const shown = await website.client.query(
      `SELECT kind FROM portal_question_messages WHERE question_id = $1`,
      [id],
    )
    await website.client.query('COMMIT')
    await website.end()
    expect(shown.rows.map((r) => r.kind)).toEqual(['answer'])
    // A template with a placeholder the consoles do not know is refused in words.
    expect(
      await first.refused(
        'questions.saveTemplate',
        { name: 'Опечатка', body: 'Счёт {{лицевой_счет_}}' },
        first.supervisorToken,
      ),
    ).toMatchObject({ code: 'UNKNOWN_PLACEHOLDER' })
  })

  it('links by the account number, suggests an account whose email or phone is only its own, and links by hand', async () => {
    const linked = await ask({ accountNumber: '40000001' })
    const byEmail = await ask({ accountNumber: '99999999', email: 'orlova@mail.ru' })
    const ambiguous = await ask({ accountNumber: null, email: 'twice@mail.ru' })
    const byPhone = await ask({ accountNumber: null, email: null, phone: '8 (978) 555-66-77' })
    await settle(first)
    const detail = (id: number) => first.call('questions.detail', { questionId: id }, clerk.token)
    expect((await detail(linked)).accountNumber).toBe('40000001')
    const suggested = await detail(byEmail)
    expect(suggested.accountNumber).toBeNull()
    expect(suggested.suggestion).toMatchObject({ accountNumber: '40000001', by: 'email' })
    expect((await detail(ambiguous)).suggestion).toBeNull()
    expect((await detail(byPhone)).suggestion).toMatchObject({ accountNumber: '40000004', by: 'phone' })
    expect((await detail(byPhone)).replyBy).toBe('phone')

    await first.call('questions.link', { questionId: byEmail, accountNumber: '40000001' }, clerk.token)
    expect(await rows(`SELECT linked_account FROM portal_questions WHERE id = $1`, [byEmail])).toEqual([
      { linked_account: '40000001' },
    ])
    expect(
      (
        await first.refused(
          'questions.link',
          { questionId: ambiguous, accountNumber: '12345678' },
          clerk.token,
        )
      ).code,
    ).toBe('UNKNOWN_ACCOUNT')
    // The card lists the account's questions with their due dates.
    const card = await first.call('accounts.card', { accountId: 1 }, clerk.token)
    expect(card.questions.map((q) => q.id)).toEqual(expect.arrayContaining([linked, byEmail]))
  })

  it('gives new questions to the staff on shift in turn, under the cap', async () => {
    await first.call(
      'questions.saveSettings',
      { dueDays: 30, roundRobin: true, openCap: 50 },
      first.supervisorToken,
    )
    const a = await ask()
    const b = await ask()
    const given = await rows(
      `SELECT assigned_to, state FROM portal_questions WHERE id IN ($1, $2) ORDER BY id`,
      [a, b],
    )
    expect(given.every((g) => g.state === 'taken')).toBe(true)
    expect(new Set(given.map((g) => g.assigned_to)).size).toBe(2)
    expect(given.map((g) => g.assigned_to)).toEqual(expect.arrayContaining([expect.any(String)]))
    // Nobody gets more than the cap: with a cap of one already reached by everyone, a new one waits.
    await first.call(
      'questions.saveSettings',
      { dueDays: 30, roundRobin: true, openCap: 1 },
      first.supervisorToken,
    )
    const c = await ask()
    expect(await rows(`SELECT assigned_to, state FROM portal_questions WHERE id = $1`, [c])).toEqual([
      { assigned_to: null, state: 'new' },
    ])
    await settle(first)
    const mine = await first.call('questions.inbox', { view: 'mine' }, clerk.token)
    const assignedToClerk = given.filter((g) => g.assigned_to === clerk.login).length
    expect(mine.items.length).toBeGreaterThanOrEqual(assignedToClerk)
  })

  it('lets a supervisor assign, close as duplicates and note several questions at once; others only take one themselves', async () => {
    const original = await ask({ subject: 'Двойное начисление' })
    const again = await ask({ subject: 'Двойное начисление (повторно)' })
    const third = await ask({ subject: 'Двойное начисление (ещё раз)' })
    await settle(first)
    const supervisor = first.supervisorToken
    expect(
      await first.call('questions.assign', { questionIds: [original, again], to: clerk.login }, supervisor),
    ).toEqual({ applied: 2, queued: 0, refused: 0 })
    expect(
      await rows(`SELECT assigned_to, state FROM portal_questions WHERE id IN ($1, $2) ORDER BY id`, [
        original,
        again,
      ]),
    ).toEqual([
      { assigned_to: clerk.login, state: 'taken' },
      { assigned_to: clerk.login, state: 'taken' },
    ])
    // A clerk may take a question, not give one to a colleague.
    expect(
      (await first.refused('questions.assign', { questionIds: [third], to: otherClerk.login }, clerk.token))
        .code,
    ).toBe('FORBIDDEN')
    await first.call('questions.assign', { questionIds: [third], to: clerk.login }, clerk.token)

    expect(
      await first.call(
        'questions.noteMany',
        { questionIds: [again, third], body: 'Проверить с биллингом.' },
        supervisor,
      ),
    ).toMatchObject({ applied: 2 })
    expect(
      await first.call(
        'questions.close',
        { questionIds: [again, third], reason: 'duplicate', duplicateOf: original },
        supervisor,
      ),
    ).toMatchObject({ applied: 2, refused: 0 })
    expect(
      await rows(
        `SELECT state, closed_reason, duplicate_of::int AS of FROM portal_questions WHERE id IN ($1, $2) ORDER BY id`,
        [again, third],
      ),
    ).toEqual([
      { state: 'closed', closed_reason: 'duplicate', of: original },
      { state: 'closed', closed_reason: 'duplicate', of: original },
    ])
    await settle(first)
    const closed = await first.call('questions.detail', { questionId: again }, clerk.token)
    expect(closed.due).toBe('done')
    expect(closed.messages.map((m) => [m.kind, m.delivery])).toEqual([
      ['question', 'sent'],
      ['note', 'sent'],
    ])
    // Every one of these is in the central audit trail, with its author.
    const audited = await rows(
      `SELECT count(*)::int AS n FROM central_audit WHERE detail->>'command' LIKE 'questions.%' AND staff_login = $1`,
      ['chief'],
    )
    expect(audited[0]!.n).toBeGreaterThanOrEqual(6)
  })
})
