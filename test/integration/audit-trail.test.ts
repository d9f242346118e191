import { execFileSync } from 'node:child_process'
import { parse } from 'csv-parse/sync'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportProgress } from '@shared/contract'
import { anAccount, insertAccounts } from '../support/account-builder'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app'

/**
 * The Журнал in words (docs/business-rules.md#reports-exports-and-the-audit-trail): names instead of
 * logins, account numbers instead of ids, actions in Russian, each field before → after; filters by
 * person, action, account and dates; sign-ins folded; the export as filtered.
 */
describe('the audit trail, readable', () => {
  let t: TestApp
  const contacts = (phone: string, version: number) => ({
    accountId: 1,
    expectedVersion: version,
    phone,
    email: '',
    street: 'ул. Ленина',
    house: '1',
    building: '',
    apartment: '1',
  })

  beforeEach(async () => {
    t = await buildTestApp()
    insertAccounts(t.app.local.sql, [anAccount({ id: 1, number: '40000001', phone: '+7 978 111-22-33' })])
  })
  afterEach(() => t.dispose())

  it('says who did what to which account, field by field, and folds sign-ins away', async () => {
    const clerk = await t.staffMember('clerk')
    await t.call('accounts.updateContacts', contacts('+7 978 999-00-11', 1), clerk.token)
    await t.call('settings.update', { idleLockMinutes: 20 }, t.supervisorToken)
    await t.call('auth.signIn', { login: clerk.login, password: TEST_PASSWORD })

    // A step no person took (a console's automatic check of a web reading) folds away with the sign-ins.
    t.app.local.sql
      .prepare(
        `INSERT INTO audit_log (at, staff_login, command, command_id, entity, entity_id, before_json, after_json)
        VALUES ('2026-11-24T09:00:00.000Z', NULL, 'readings.checkWeb', 'c-1', 'webReading', '7',
        '{"state":"new"}', '{"state":"accepted","source":"web"}')`,
      )
      .run()

    const all = await t.call('audit.list', {}, t.supervisorToken)
    const edit = all.rows.find((row) => row.command === 'accounts.updateContacts')!
    expect(edit).toMatchObject({
      who: `Сотрудник ${clerk.login}`,
      action: 'изменил контакты',
      subject: 'ЛС 40000001',
      changes: [{ field: 'телефон', before: '+7 978 111-22-33', after: '+7 978 999-00-11' }],
    })
    expect(all.rows.some((row) => row.command === 'auth.signInAttempt')).toBe(false)
    expect(all.folded).toBeGreaterThan(0)
    expect(all.people.map((p) => p.name)).toContain(`Сотрудник ${clerk.login}`)

    // By person, by action, by account, by dates (the test clock reads 24 November 2026).
    const byPerson = await t.call('audit.list', { staffLogin: clerk.login }, t.supervisorToken)
    // The clerk's own password, changed at the first sign-in as every new staff member does, is theirs too.
    expect(byPerson.rows.map((r) => r.command)).toEqual([
      'accounts.updateContacts',
      'staff.changeOwnPassword',
    ])
    const byAction = await t.call('audit.list', { command: 'settings.update' }, t.supervisorToken)
    expect(byAction.rows.map((r) => r.action)).toEqual(['изменил настройки'])
    expect((await t.call('audit.list', { accountNumber: '40000001' }, t.supervisorToken)).rows).toHaveLength(
      1,
    )
    expect((await t.call('audit.list', { accountNumber: '99999999' }, t.supervisorToken)).rows).toHaveLength(
      0,
    )
    expect((await t.call('audit.list', { from: '2026-11-25' }, t.supervisorToken)).rows).toHaveLength(0)
    expect(
      (await t.call('audit.list', { from: '2026-11-24', to: '2026-11-24' }, t.supervisorToken)).rows.length,
    ).toBe(all.rows.length)
    // Asked for, the sign-ins are there too.
    const noisy = await t.call('audit.list', { showSignIns: true }, t.supervisorToken)
    expect(noisy.rows.some((row) => row.action === 'вошёл')).toBe(true)
    expect(all.rows.some((row) => row.command === 'readings.checkWeb')).toBe(false)
    expect(noisy.rows.find((row) => row.command === 'readings.checkWeb')).toMatchObject({
      who: 'система',
      action: 'проверила показание с сайта',
      changes: [
        { field: 'состояние', before: 'новое', after: 'принято' },
        { field: 'источник', after: 'сайт' },
      ],
    })

    // The card's history is the same rendering.
    const card = await t.call('accounts.card', { accountId: 1 }, t.supervisorToken)
    expect(card.history[0]).toMatchObject({ action: 'изменил контакты', changes: edit.changes })
  })

  it('exports the log as filtered, in words', async () => {
    const clerk = await t.staffMember('clerk')
    await t.call('accounts.updateContacts', contacts('=1+1', 1), clerk.token).catch(() => undefined)
    await t.call('accounts.updateContacts', contacts('+7 978 999-00-11', 1), clerk.token)
    const exported = async (format: 'csv' | 'pdf') => {
      const started = await t.call('audit.export', { staffLogin: clerk.login, format }, t.supervisorToken)
      await new Promise<ExportProgress>((resolve) => {
        const off = t.app.events.on('export.progress', (event) => {
          if (event.jobId === started.jobId && event.state !== 'running') {
            off()
            resolve(event)
          }
        })
      })
      return (await t.app.exports.file(started.jobId, null))!.path
    }
    // The printed header names the person the log was filtered by, not their login.
    const printed = execFileSync('pdftotext', ['-layout', await exported('pdf'), '-'], { encoding: 'utf8' })
    expect(printed).toContain(`Сотрудник: Сотрудник ${clerk.login}`)
    const rows = parse(readFileSync(await exported('csv'), 'utf8').slice(1), {
      delimiter: ';',
      skip_empty_lines: true,
    }) as string[][]
    expect(rows[0]).toEqual(['Когда', 'Кто', 'Действие', 'Что', 'Было → стало'])
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      [
        `Сотрудник ${clerk.login}`,
        'изменил контакты',
        'ЛС 40000001',
        'телефон: +7 978 111-22-33 → +7 978 999-00-11',
      ],
      [`Сотрудник ${clerk.login}`, 'сменил свой пароль', `Сотрудник ${clerk.login}`, ''],
    ])
  })

  it('speaks of a woman in the feminine, by her patronymic', async () => {
    const { pastTense } = await import('@shared/domain/audit/audit-words')
    expect(pastTense('изменил контакты', 'Иванова Марина Петровна')).toBe('изменила контакты')
    expect(pastTense('вошёл', 'Иванова Марина Петровна')).toBe('вошла')
    expect(pastTense('изменил контакты', 'Петров Пётр Ильич')).toBe('изменил контакты')
  })
})
