import { describe, expect, it } from 'vitest'
import { questionDue, type QuestionStep } from '@shared/domain/questions/question-due'
import { linkQuestion } from '@shared/domain/questions/question-links'
import {
  fillTemplate,
  matchTemplates,
  templateTrigger,
  unknownPlaceholders,
} from '@shared/domain/questions/reply-templates'
import { russianPlural } from '@shared/domain/russian-text'

const at = (iso: string, state: QuestionStep['state']): QuestionStep => ({ state, at: iso })
const now = (iso: string) => new Date(iso)

describe('when a question is due (30 calendar days, Moscow time, the clock stopped while waiting)', () => {
  it('counts from the Moscow date of arrival: 21:30 UTC on 31 January is already 1 February there', () => {
    const due = questionDue([at('2026-01-31T21:30:00Z', 'new')], 30, now('2026-02-10T09:00:00Z'))
    expect(due).toEqual({ dueOn: '2026-03-03', daysLeft: 21, status: 'onTime' })
    // One minute earlier it is still 31 January in Moscow.
    expect(questionDue([at('2026-01-31T20:59:00Z', 'new')], 30, now('2026-02-10T09:00:00Z')).dueOn).toBe(
      '2026-03-02',
    )
  })

  it('keeps UTC+3 all year: no daylight-saving hour moves a date in March or October', () => {
    expect(questionDue([at('2026-03-28T21:00:00Z', 'new')], 1, now('2026-03-29T09:00:00Z')).dueOn).toBe(
      '2026-03-30',
    )
    expect(questionDue([at('2026-10-24T21:00:00Z', 'new')], 1, now('2026-10-25T09:00:00Z')).dueOn).toBe(
      '2026-10-26',
    )
  })

  it('adds the Moscow days spent waiting for the subscriber, across a month end', () => {
    const steps = [
      at('2026-01-31T22:30:00Z', 'new'),
      at('2026-02-27T21:30:00Z', 'waiting'), // 28 February in Moscow
      at('2026-03-02T20:59:00Z', 'taken'), // 2 March, a minute before midnight
    ]
    expect(questionDue(steps, 30, now('2026-03-04T09:00:00Z'))).toMatchObject({
      dueOn: '2026-03-05',
      status: 'dueSoon',
    })
    expect(questionDue(steps, 30, now('2026-03-06T09:00:00Z'))).toMatchObject({
      daysLeft: -1,
      status: 'overdue',
    })
  })

  it('stands still while waiting: the due date moves day by day and the status says paused', () => {
    const steps = [at('2026-11-01T09:00:00Z', 'new'), at('2026-11-10T09:00:00Z', 'waiting')]
    expect(questionDue(steps, 30, now('2026-11-10T12:00:00Z'))).toMatchObject({
      dueOn: '2026-12-01',
      status: 'paused',
    })
    expect(questionDue(steps, 30, now('2026-12-20T12:00:00Z'))).toMatchObject({
      dueOn: '2027-01-10',
      status: 'paused',
    })
  })

  it('is amber within three days, red after, done once answered or closed', () => {
    const arrived = [at('2026-11-01T09:00:00Z', 'new')]
    expect(questionDue(arrived, 30, now('2026-11-27T09:00:00Z')).status).toBe('onTime')
    expect(questionDue(arrived, 30, now('2026-11-28T09:00:00Z')).status).toBe('dueSoon')
    expect(questionDue(arrived, 30, now('2026-12-02T09:00:00Z')).status).toBe('overdue')
    expect(
      questionDue([...arrived, at('2026-11-05T09:00:00Z', 'answered')], 30, now('2027-01-01T09:00:00Z'))
        .status,
    ).toBe('done')
  })

  it('never moves a date back when a console clock is behind the central one', () => {
    const steps = [at('2026-11-01T09:00:00Z', 'new'), at('2026-11-20T09:00:00Z', 'waiting')]
    expect(questionDue(steps, 30, now('2026-11-19T09:00:00Z')).dueOn).toBe('2026-12-01')
  })
})

describe('reply templates', () => {
  const values = { имя_отчество: 'Нина Петровна', лицевой_счёт: '40000001', период: 'октябрь 2026' }

  it('fills placeholders whatever their case or ё, and leaves a visible gap where there is no value', () => {
    expect(
      fillTemplate('Здравствуйте, {{Имя_Отчество}}! Счёт {{ лицевой_счет }} за {{период}}.', values),
    ).toBe('Здравствуйте, Нина Петровна! Счёт 40000001 за октябрь 2026.')
    expect(fillTemplate('Долг: {{задолженность}}', values)).toBe('Долг: «нет данных: задолженность»')
  })

  it('names placeholders the consoles would not fill', () => {
    expect(unknownPlaceholders('{{ФИО}} {{лицевой_счет}} {{номер_договора}}')).toEqual(['номер_договора'])
  })

  it('offers templates whose name starts with the letters first, then those containing them', () => {
    const templates = [{ name: 'Уточнение' }, { name: 'Начисления' }, { name: 'Показания не поступили' }]
    expect(matchTemplates(templates, 'нач').map((t) => t.name)).toEqual(['Начисления'])
    expect(matchTemplates(templates, 'пока').map((t) => t.name)).toEqual(['Показания не поступили'])
    // Those containing the letters follow those starting with them, each group in the list's order.
    expect(
      matchTemplates([{ name: 'Уточнение' }, { name: 'Ответ на жалобу' }, { name: 'Оплата' }], 'о').map(
        (t) => t.name,
      ),
    ).toEqual(['Ответ на жалобу', 'Оплата', 'Уточнение'])
  })

  it('sees `::` and the letters before the caret, not inside a word or a time', () => {
    expect(templateTrigger('Добрый день. ::нач', 18)).toEqual({ start: 13, typed: 'нач' })
    expect(templateTrigger('::', 2)).toEqual({ start: 0, typed: '' })
    expect(templateTrigger('в 10::30', 8)).toBeNull()
    expect(templateTrigger('::нач и дальше', 14)).toBeNull()
  })
})

describe('linking a question to its account', () => {
  const orlova = { number: '40000001', email: 'orlova@mail.ru', phone: '+7 978 555-66-77' }
  const twin = { number: '40000002', email: 'twice@mail.ru', phone: null }
  const twin2 = { number: '40000003', email: 'Twice@Mail.ru', phone: null }

  it('links outright when the number given is an account', () => {
    expect(linkQuestion({ accountNumber: '40000001', email: null, phone: null }, orlova, [], [])).toEqual({
      kind: 'linked',
      accountNumber: '40000001',
    })
  })

  it('suggests the one account with that email, then the one with that phone, and never guesses between two', () => {
    expect(
      linkQuestion({ accountNumber: '9', email: ' ORLOVA@mail.ru', phone: null }, null, [orlova], []),
    ).toEqual({
      kind: 'suggested',
      accountNumber: '40000001',
      by: 'email',
    })
    expect(
      linkQuestion({ accountNumber: null, email: null, phone: '8 (978) 555-66-77' }, null, [], [orlova]),
    ).toEqual({
      kind: 'suggested',
      accountNumber: '40000001',
      by: 'phone',
    })
    expect(
      linkQuestion({ accountNumber: null, email: 'twice@mail.ru', phone: null }, null, [twin, twin2], []),
    ).toEqual({
      kind: 'none',
    })
    // Two accounts share the email: a phone match does not override that doubt.
    expect(
      linkQuestion(
        { accountNumber: null, email: 'twice@mail.ru', phone: '+79785556677' },
        null,
        [twin, twin2],
        [orlova],
      ),
    ).toEqual({ kind: 'none' })
  })
})

describe('Russian plurals in messages', () => {
  it('picks one, few or many as Russian does, with 11–14 always many', () => {
    const forms = [1, 2, 5, 11, 14, 21, 22, 25, 101, 111].map((n) => russianPlural(n, 3))
    expect(forms).toEqual([0, 1, 2, 2, 2, 0, 1, 2, 0, 2])
    expect(russianPlural(0, 4)).toBe(0)
    expect(russianPlural(3, 4)).toBe(2)
  })
})
