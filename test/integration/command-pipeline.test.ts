import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineCommand } from '../../src-main/commands/pipeline'
import { AppError } from '../../src-main/errors'
import { buildTestApp, tableCounts, TEST_PASSWORD, type TestApp } from '../support/test-app'

describe('the command pipeline', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.dispose())

  it('writes the change, its audit record and its outbox entry together', async () => {
    const before = tableCounts(t.app)
    await t.call(
      'staff.create',
      {
        login: 'clerk7',
        fullName: 'Кузнецова Ольга',
        role: 'clerk',
        password: TEST_PASSWORD,
        passwordRepeat: TEST_PASSWORD,
      },
      t.supervisorToken,
    )
    const after = tableCounts(t.app)
    expect(after.staff - before.staff).toBe(1)
    expect(after.audit_log - before.audit_log).toBe(1)
    expect(after.outbox - before.outbox).toBe(1)
    const audit = t.app.local.sql.prepare(`SELECT * FROM audit_log ORDER BY id DESC LIMIT 1`).get() as Record<
      string,
      string
    >
    const outbox = t.app.local.sql.prepare(`SELECT * FROM outbox ORDER BY seq DESC LIMIT 1`).get() as Record<
      string,
      string
    >
    expect(audit).toMatchObject({
      command: 'staff.create',
      entity: 'staff',
      staff_login: 'chief',
      before_json: null,
    })
    expect(audit.command_id).toBe(outbox.command_id)
    expect(audit.after_json).not.toContain('scrypt')
    expect(outbox.payload_json).not.toContain(TEST_PASSWORD)
  })

  it('rolls everything back when a command refuses half-way', () => {
    const failing = defineCommand<null, null>({
      name: 'test.failHalfWay',
      outboxPayload: null,
      apply(db) {
        db.prepare(`UPDATE staff SET full_name = 'Изменено'`).run()
        throw new AppError('NOT_FOUND')
      },
    })
    const names = () => t.app.local.sql.prepare('SELECT full_name FROM staff').all()
    const before = { counts: tableCounts(t.app), names: names() }
    expect(() => t.app.pipeline.run(failing, null, { staff: null })).toThrow(AppError)
    expect({ counts: tableCounts(t.app), names: names() }).toEqual(before)
  })

  it('keeps the audit log append-only in the database itself', () => {
    expect(() => t.app.local.sql.prepare(`UPDATE audit_log SET staff_login = 'someone'`).run()).toThrow(
      /append-only/,
    )
    expect(() => t.app.local.sql.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/)
  })

  it('lets supervisors page through the audit log, newest first', async () => {
    for (let i = 0; i < 5; i++)
      await t.call('settings.update', { idleLockMinutes: 10 + i }, t.supervisorToken)
    const first = await t.call('audit.list', { limit: 3 }, t.supervisorToken)
    expect(first.rows.map((r) => r.command)).toEqual([
      'settings.update',
      'settings.update',
      'settings.update',
    ])
    expect(first.rows[0]).toMatchObject({ action: 'изменил настройки', subject: 'настройки консоли' })
    expect(first.rows[0]!.changes).toContainEqual({ field: 'блокировка, минут', before: '13', after: '14' })
    const second = await t.call('audit.list', { limit: 3, beforeId: first.nextBeforeId! }, t.supervisorToken)
    expect(second.rows[0]!.id).toBeLessThan(first.rows[2]!.id)
  })
})
