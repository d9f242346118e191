import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataSource } from 'typeorm'
import { afterEach, describe, expect, it } from 'vitest'
import { LOCAL_DATABASE_FILE, openLocalDatabase } from '../../src-main/db/local/data-source'
import { localMigrations } from '../../src-main/db/local/migrations'
import { OneNameForQuestions1764000000027 } from '../../src-main/db/local/migrations/1764000000027-one-name-for-questions'
import { registerSqlFunctions } from '../../src-main/db/local/sql-functions'

/**
 * A console's copy made before the questions took one name (docs/central-service.md#one-name-for-questions),
 * opened by the new build: the question tables are renamed with what they hold, and their indexes and
 * triggers (the word search, the pending message's replacement) work under the new names.
 */
describe('the local question tables renamed (local migration 27)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-names-'))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps every question and message, and their triggers still fire', async () => {
    const before = new DataSource({
      type: 'better-sqlite3',
      database: join(dir, LOCAL_DATABASE_FILE),
      migrations: localMigrations.slice(0, localMigrations.indexOf(OneNameForQuestions1764000000027)),
      migrationsTransactionMode: 'each',
      prepareDatabase: registerSqlFunctions,
    })
    await before.initialize()
    await before.runMigrations({ transaction: 'each' })
    await before.query(`INSERT INTO web_feedback (id, surname, first_name, email, subject, message, submitted_at, state, version)
      VALUES (7, 'Ковалёва', 'Анна', 'k@example.ru', 'Начисление', 'Почему так много?', '2026-12-01T10:00:00Z', 'new', 1)`)
    await before.query(`INSERT INTO web_feedback_messages (id, feedback_id, kind, body, command_id, at, version)
      VALUES (-1, 7, 'answer', 'Ответ в пути', 'c-1', '2026-12-01T11:00:00Z', 0)`)
    await before.destroy()

    const local = await openLocalDatabase({ dataDir: dir, key: null })
    try {
      const db = local.sql
      expect(db.prepare(`SELECT id, subject FROM web_questions`).all()).toEqual([
        { id: 7, subject: 'Начисление' },
      ])
      expect(db.prepare(`SELECT question_id, body FROM web_question_messages`).all()).toEqual([
        { question_id: 7, body: 'Ответ в пути' },
      ])
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%feedback%'`).all()).toEqual([])
      // The central copy of the pending answer replaces it, and its words become searchable.
      db.prepare(
        `INSERT INTO web_question_messages (id, question_id, kind, body, command_id, at, version)
        VALUES (41, 7, 'answer', 'Ответ в пути', 'c-1', '2026-12-01T11:00:01Z', 1)`,
      ).run()
      expect(db.prepare(`SELECT id FROM web_question_messages`).all()).toEqual([{ id: 41 }])
      expect(db.prepare(`SELECT rowid FROM message_text WHERE message_text MATCH 'пути'`).all()).toEqual([
        { rowid: 41 },
      ])
    } finally {
      await local.close()
    }
  })
})
