import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deliverDueMail } from '../../../src-central/mailer/deliver-mail'
import { registrationConfirmed, registrationRejected } from '../../../src-central/commands/mail-templates'
import { truncateCentral, useCentralDatabase } from '../../support/central-database'
import { startSmtpInbox, type SmtpInbox } from '../../support/smtp-inbox'

const central = useCentralDatabase()
const FROM = 'ГУП «Водоканал» <noreply@vodokanal-sev.ru>'

async function queue(to: string, letter: { template: string; subject: string; body: string }) {
  await central.pool.query(
    `INSERT INTO outgoing_mail (to_address, template, subject, body) VALUES ($1, $2, $3, $4)`,
    [to, letter.template, letter.subject, letter.body],
  )
}

const state = async () =>
  (
    await central.pool.query(
      `SELECT to_address, attempts, sent_at IS NOT NULL AS sent, last_error FROM outgoing_mail ORDER BY id`,
    )
  ).rows

describe('the mailer delivers queued letters', () => {
  let inbox: SmtpInbox

  beforeAll(async () => {
    inbox = await startSmtpInbox()
  })
  afterAll(async () => {
    await inbox.close()
  })
  beforeEach(async () => {
    await truncateCentral(central.pool)
    inbox.messages.length = 0
  })

  it('sends each letter once, in Russian, to its recipient', async () => {
    await queue('anna@example.ru', registrationConfirmed('40000001', 'a'.repeat(64)))
    await queue(
      'petr@example.ru',
      registrationRejected('40000002', 'Фамилия не совпадает с фамилией владельца'),
    )
    const transport = nodemailer.createTransport(inbox.url)

    expect(await deliverDueMail(central.pool, transport, { from: FROM })).toEqual({ sent: 2, failed: 0 })
    expect(await deliverDueMail(central.pool, transport, { from: FROM })).toEqual({ sent: 0, failed: 0 })

    expect(inbox.messages).toHaveLength(2)
    const [confirmed, rejected] = inbox.messages
    expect(confirmed!.to).toMatchObject({ text: 'anna@example.ru' })
    expect(confirmed!.from?.text).toContain('ГУП «Водоканал»')
    expect(confirmed!.subject).toBe('Регистрация в личном кабинете ГУП «Водоканал» подтверждена')
    expect(confirmed!.text).toContain(`https://lk.vodokanal-sev.ru/activate?token=${'a'.repeat(64)}`)
    expect(rejected!.subject).toBe('Регистрация в личном кабинете ГУП «Водоканал» отклонена')
    expect(rejected!.text).toContain('Причина: Фамилия не совпадает с фамилией владельца')
    expect(await state()).toEqual([
      { to_address: 'anna@example.ru', attempts: 1, sent: true, last_error: null },
      { to_address: 'petr@example.ru', attempts: 1, sent: true, last_error: null },
    ])
    transport.close()
  })

  it('keeps a letter the server refused and sends it on a later attempt', async () => {
    await queue('anna@example.ru', registrationConfirmed('40000001', 'b'.repeat(64)))
    inbox.refuseNext(1)
    const transport = nodemailer.createTransport(inbox.url)

    expect(await deliverDueMail(central.pool, transport, { from: FROM })).toEqual({ sent: 0, failed: 1 })
    const [failed] = await state()
    expect(failed).toMatchObject({ attempts: 1, sent: false })
    expect(failed!.last_error).toContain('Почтовый сервер занят')
    // Not due yet: the retry waits.
    expect(await deliverDueMail(central.pool, transport, { from: FROM })).toEqual({ sent: 0, failed: 0 })

    await central.pool.query(`UPDATE outgoing_mail SET next_attempt_at = now()`)
    expect(await deliverDueMail(central.pool, transport, { from: FROM })).toEqual({ sent: 1, failed: 0 })
    expect(inbox.messages).toHaveLength(1)
    expect(await state()).toEqual([
      { to_address: 'anna@example.ru', attempts: 2, sent: true, last_error: null },
    ])
    transport.close()
  })

  it('two mailers at once never send one letter twice', async () => {
    for (let i = 0; i < 20; i++)
      await queue(`user${i}@example.ru`, registrationRejected(`4000000${i}`, 'Причина'))
    const a = nodemailer.createTransport(inbox.url)
    const b = nodemailer.createTransport(inbox.url)
    const reports = await Promise.all([
      deliverDueMail(central.pool, a, { from: FROM }),
      deliverDueMail(central.pool, b, { from: FROM }),
    ])
    expect(reports[0]!.sent + reports[1]!.sent).toBe(20)
    expect(inbox.messages).toHaveLength(20)
    expect(new Set(inbox.messages.map((m) => m.to && 'text' in m.to && m.to.text)).size).toBe(20)
    a.close()
    b.close()
  })

  it('runs from the command line as npm run mailer', async () => {
    await queue('cli@example.ru', registrationRejected('40000009', 'Проверка'))
    // Asynchronously: the SMTP server answering it runs in this very process.
    const { stdout: output } = await promisify(execFile)(
      'npx',
      ['tsx', 'src-central/mailer/mailer-cli.ts', '--url', central.url, '--smtp', inbox.url, '--once'],
      { encoding: 'utf8' },
    )
    expect(output).toContain('Отправлено писем: 1')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(inbox.messages.map((m) => m.subject)).toEqual([
      'Регистрация в личном кабинете ГУП «Водоканал» отклонена',
    ])
  })
})
