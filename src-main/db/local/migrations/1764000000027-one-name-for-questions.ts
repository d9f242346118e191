import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Old name → new name, longest first, so a table's name is replaced before its prefix. */
const RENAMES: readonly (readonly [string, string])[] = [
  ['web_feedback_messages', 'web_question_messages'],
  ['web_feedback_steps', 'web_question_steps'],
  ['web_feedback', 'web_questions'],
  ['feedback_id', 'question_id'],
]
const renamed = (text: string): string => RENAMES.reduce((t, [from, to]) => t.split(from).join(to), text)

/**
 * One name for a question everywhere (docs/central-service.md#one-name-for-questions): the local
 * copies of the question tables take the central names' form. SQLite rewrites indexes and triggers
 * to the new table and column names by itself; those named after the old tables are made again
 * under the new names.
 */
export class OneNameForQuestions1764000000027 implements MigrationInterface {
  name = 'OneNameForQuestions1764000000027'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE web_feedback RENAME TO web_questions`)
    await q.query(`ALTER TABLE web_feedback_messages RENAME TO web_question_messages`)
    await q.query(`ALTER TABLE web_feedback_steps RENAME TO web_question_steps`)
    await q.query(`ALTER TABLE web_question_messages RENAME COLUMN feedback_id TO question_id`)
    await q.query(`ALTER TABLE web_question_steps RENAME COLUMN feedback_id TO question_id`)
    const parts: { type: string; name: string; sql: string }[] = await q.query(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND name LIKE '%feedback%'
      AND sql IS NOT NULL`,
    )
    for (const part of parts) {
      await q.query(`DROP ${part.type.toUpperCase()} "${part.name}"`)
      await q.query(renamed(part.sql))
    }
  }

  async down(q: QueryRunner): Promise<void> {
    void q
    throw new Error('Not reversible: rebuild the local copy from the central database instead.')
  }
}
