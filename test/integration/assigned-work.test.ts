import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AssignedWorkWatch } from '../../src-main/modules/questions/assigned-work'
import { buildTestApp, type TestApp } from '../support/test-app'

/** New questions assigned to someone signed in here are announced once; one's own taking is not. */
describe('the watch on work assigned to the people at this console', () => {
  let t: TestApp
  const heard: { login: string; questions: number }[] = []
  let signedIn = ['clerk1']
  let watch: AssignedWorkWatch
  const question = (id: number, assignedTo: string | null, state = 'new') =>
    t.app.local.sql
      .prepare(
        `INSERT INTO web_questions (id, surname, first_name, email, account_number, subject, message, submitted_at,
          state, assigned_to, version) VALUES (?, 'Иванов', 'Иван', 'i@example.ru', '40000001', 'Тема', 'Текст',
          '2026-11-01T09:00:00Z', ?, ?, 1)`,
      )
      .run(id, state, assignedTo)
  const assign = (id: number, to: string) =>
    t.app.local.sql.prepare(`UPDATE web_questions SET assigned_to = ? WHERE id = ?`).run(to, id)

  beforeEach(async () => {
    t = await buildTestApp()
    heard.length = 0
    signedIn = ['clerk1']
    watch = new AssignedWorkWatch(t.app.local.sql, () => signedIn, t.app.events)
    t.app.events.on('work.assigned', (event) => heard.push(event))
  })
  afterEach(() => t.dispose())

  it('announces questions that arrive assigned, once, and only to whom they are assigned', () => {
    question(1, 'clerk1')
    watch.check(true) // the first look learns
    expect(heard).toEqual([])
    question(2, 'clerk1')
    question(3, 'clerk1')
    question(4, 'someone-else')
    question(5, 'clerk1', 'closed')
    watch.check(true)
    expect(heard).toEqual([{ login: 'clerk1', questions: 2 }])
    watch.check(true)
    expect(heard).toHaveLength(1)
  })

  it('does not announce what the person took themselves on this console', () => {
    question(1, null)
    watch.check(true)
    assign(1, 'clerk1')
    watch.check(false) // after this console's own command
    watch.check(true) // the pull that follows
    expect(heard).toEqual([])
  })

  it('forgets people who signed out, and learns anew when they come back', () => {
    question(1, 'clerk1')
    watch.check(true)
    signedIn = []
    watch.check(true)
    question(2, 'clerk1')
    signedIn = ['clerk1']
    watch.check(true)
    expect(heard).toEqual([])
  })
})
