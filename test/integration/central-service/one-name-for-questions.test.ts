import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FEED_NAMES } from '@shared/central/api'
import { FEED_START } from '@shared/central/rows'
import { readFeed } from '../../../src-central/feed/change-feed'
import { readInitialPage, startInitialCopy } from '../../../src-central/feed/initial-copy'
import { migrateCentral } from '../../../src-central/db/migrate'
import { OneNameForQuestions1764100000028 } from '../../../src-central/db/migrations/1764100000028-one-name-for-questions'
import {
  createScratchDatabase,
  startPostgresServer,
  type PostgresServer,
  type ScratchDatabase,
} from '../../support/postgres-server'
import { migrateCentralUpTo } from '../../support/central-database'

/** The inbox's settings and templates are in the feed too; these tests are about the question tables. */
const aboutQuestions = (table: string) => /question|feedback/.test(table)

/**
 * A central database with questions in it, taken from the "feedback" names to the questions' one
 * name (docs/central-service.md#one-name-for-questions): nothing is lost, the feed's history speaks
 * the new names, and a console built before still reads its questions under the names it knows.
 */
describe('one name for questions (central migration 28)', () => {
  let server: PostgresServer
  let scratch: ScratchDatabase
  let pool: pg.Pool
  let question: string

  beforeAll(async () => {
    server = await startPostgresServer()
    scratch = await createScratchDatabase(server.url, 'question_names')
    await migrateCentralUpTo(scratch.url, OneNameForQuestions1764100000028)
    pool = new pg.Pool({ connectionString: scratch.url, max: 2 })
    pool.on('error', () => undefined)
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO portal_feedback (surname, first_name, email, account_number, subject, message)
      VALUES ('Ковалёва', 'Анна', 'kovaleva@example.ru', '40000001', 'Начисление', 'Почему так много?')
      RETURNING id`,
    )
    question = rows[0]!.id
    await pool.query(`UPDATE portal_feedback SET state = 'waiting' WHERE id = $1`, [question])
    await pool.query(
      `INSERT INTO portal_feedback_messages (feedback_id, body) VALUES ($1, 'Вот показания')`,
      [question],
    )
    await pool.query(`INSERT INTO outgoing_mail (to_address, template, subject, body)
      VALUES ('kovaleva@example.ru', 'feedbackAnswer', 'Ответ', 'Текст')`)
    await migrateCentral(scratch.url)
  })
  afterAll(async () => {
    await pool?.end()
    await scratch?.drop()
    await server?.stop()
  })

  it('keeps every question, message and step under the new names', async () => {
    const { rows } = await pool.query(
      `SELECT (SELECT count(*) FROM portal_questions WHERE id = $1)::int AS questions,
        (SELECT count(*) FROM portal_question_messages WHERE question_id = $1)::int AS messages,
        (SELECT array_agg(to_state ORDER BY id) FROM portal_question_steps WHERE question_id = $1) AS steps,
        (SELECT template FROM outgoing_mail) AS letter`,
      [question],
    )
    // The reply woke the waiting question: the renamed trigger functions still write its steps.
    expect(rows).toEqual([{ questions: 1, messages: 1, steps: ['new', 'new'], letter: 'questionAnswer' }])
    const leftovers = await pool.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint WHERE conname LIKE '%feedback%'
      UNION ALL SELECT relname FROM pg_class WHERE relname LIKE '%feedback%' AND relkind <> 'v'
      UNION ALL SELECT tgname FROM pg_trigger WHERE tgname LIKE '%feedback%' AND tgname NOT LIKE '%_insert'
      UNION ALL SELECT proname FROM pg_proc WHERE prosrc LIKE '%portal_feedback%'`,
    )
    expect(leftovers.rows).toEqual([])
  })

  it('rewrote the feed’s history: a console reading from the start sees only the new names', async () => {
    const page = await readFeed(pool, FEED_START, 1000)
    const tables = new Set(page.changes.map((c) => c.table).filter(aboutQuestions))
    expect(tables).toEqual(new Set(['portal_questions', 'portal_question_messages', 'portal_question_steps']))
    const message = page.changes.find((c) => c.table === 'portal_question_messages')!
    expect(message.row).toMatchObject({ question_id: Number(question) })
    expect(message.row).not.toHaveProperty('feedback_id')
  })

  it('speaks the old names to a console that does not say it knows the new ones', async () => {
    const old = await readFeed(pool, FEED_START, 1000, true)
    expect(new Set(old.changes.map((c) => c.table).filter(aboutQuestions))).toEqual(
      new Set(['portal_feedback', 'portal_feedback_messages', 'portal_feedback_steps']),
    )
    const message = old.changes.find((c) => c.table === 'portal_feedback_messages')!
    expect(message.row).toMatchObject({ feedback_id: Number(question), body: 'Вот показания' })
    expect(message.row).not.toHaveProperty('question_id')

    const start = await startInitialCopy(pool, '2026-12')
    const pages = async (names?: number) => {
      const found: { table: string; key: string[]; columns: string[] }[] = []
      for (let step = 0; step < start.steps; step++) {
        const page = await readInitialPage(pool, {
          step,
          fromPeriod: start.fromPeriod,
          after: null,
          limit: 100,
          names,
        })
        if (page.rows.length && aboutQuestions(page.table))
          found.push({ table: page.table, key: page.key, columns: page.columns })
      }
      return found
    }
    const current = await pages(FEED_NAMES)
    expect(current.map((p) => p.table)).toEqual([
      'portal_questions',
      'portal_question_messages',
      'portal_question_steps',
    ])
    expect(current[1]!.columns).toContain('question_id')
    const before = await pages(undefined)
    expect(before.map((p) => p.table)).toEqual([
      'portal_feedback',
      'portal_feedback_messages',
      'portal_feedback_steps',
    ])
    expect(before[1]!.columns).toContain('feedback_id')
    expect(before[1]!.columns).not.toContain('question_id')
  })
})
