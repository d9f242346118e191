import type { MigrationInterface, QueryRunner } from 'typeorm'

const folded = (column: string) => `replace(replace(coalesce(${column}, ''), 'ё', 'е'), 'Ё', 'Е')`

/**
 * The console's copy of the questions inbox (docs/business-rules.md#subscribers-questions), mirrored from the
 * central tables: each question's conversation and steps, reply templates and the inbox settings.
 *  - `due_on` / `clock_stopped` are derived here by the shared due rule whenever a question or its
 *    steps arrive (src-main/modules/questions/question-due-upkeep.ts), so "overdue" over 50,000
 *    questions is an index range, not 50,000 rule runs;
 *  - the word index holds the question and every message (ё as е; FTS5 folds case), for the inbox's
 *    search; messages never change once written, so inserting is all the upkeep it needs;
 *  - a message this console wrote and the central service has yet to confirm has a negative id and
 *    its command's id; the central row, arriving with the same command id, replaces it.
 * The demo-only `feedback` table goes: the card now reads the real questions.
 */
export class QuestionsInbox1764000000020 implements MigrationInterface {
  name = 'QuestionsInbox1764000000020'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE web_feedback ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'`)
    await q.query(`ALTER TABLE web_feedback ADD COLUMN reply_by TEXT NOT NULL DEFAULT 'email'`)
    for (const column of [
      'linked_account',
      'assigned_to',
      'logged_by',
      'closed_reason',
      'duplicate_of',
      'due_on',
    ])
      await q.query(`ALTER TABLE web_feedback ADD COLUMN ${column} TEXT`)
    await q.query(`ALTER TABLE web_feedback ADD COLUMN clock_stopped INTEGER NOT NULL DEFAULT 0`)
    // One index per view, in the view's own order, so a page of 200 is read off the index and stops.
    await q.query(`CREATE INDEX web_feedback_state ON web_feedback (state, submitted_at, id)`)
    await q.query(`CREATE INDEX web_feedback_new ON web_feedback (due_on, id) WHERE state = 'new'`)
    await q.query(
      `CREATE INDEX web_feedback_due ON web_feedback (due_on, id) WHERE state IN ('new', 'taken')`,
    )
    await q.query(`CREATE INDEX web_feedback_assigned ON web_feedback (assigned_to, clock_stopped, due_on, id)
      WHERE state IN ('new', 'taken', 'waiting')`)
    await q.query(`CREATE INDEX web_feedback_submitted ON web_feedback (submitted_at, id)`)
    await q.query(`CREATE INDEX web_feedback_account ON web_feedback (linked_account, submitted_at)`)
    await q.query(`CREATE INDEX web_feedback_given_account ON web_feedback (account_number)`)
    await q.query(`CREATE TABLE web_feedback_messages (
      id INTEGER PRIMARY KEY,
      feedback_id INTEGER NOT NULL,
      kind TEXT NOT NULL,
      body TEXT NOT NULL,
      staff_login TEXT,
      command_id TEXT,
      at TEXT NOT NULL,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_feedback_messages_question ON web_feedback_messages (feedback_id, id)`)
    await q.query(
      `CREATE INDEX web_feedback_messages_command ON web_feedback_messages (command_id) WHERE command_id IS NOT NULL`,
    )
    await q.query(`CREATE TABLE web_feedback_steps (
      id INTEGER PRIMARY KEY,
      feedback_id INTEGER NOT NULL,
      from_state TEXT,
      to_state TEXT NOT NULL,
      staff_login TEXT,
      assignee TEXT,
      at TEXT NOT NULL,
      reason TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_feedback_steps_question ON web_feedback_steps (feedback_id, id)`)
    await q.query(`CREATE TABLE reply_templates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      active INTEGER NOT NULL,
      updated_by TEXT,
      updated_at TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE TABLE inbox_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      due_days INTEGER NOT NULL,
      round_robin INTEGER NOT NULL,
      open_cap INTEGER NOT NULL,
      version INTEGER NOT NULL
    )`)
    await q.query(
      `INSERT INTO inbox_settings (id, due_days, round_robin, open_cap, version) VALUES (1, 30, 0, 25, 0)`,
    )

    // Two word indexes keyed by rowid alone (contentless): the question's own text under its id, each
    // message under the message's id; a search reads only the ids, never a stored copy of the text.
    for (const table of ['question_text', 'message_text'])
      await q.query(`CREATE VIRTUAL TABLE ${table} USING fts5 (
        body, content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
      )`)
    await q.query(`CREATE TRIGGER web_feedback_search AFTER INSERT ON web_feedback BEGIN
      INSERT INTO question_text (rowid, body) VALUES (new.id,
        ${folded("new.subject || ' ' || new.message || ' ' || new.surname || ' ' || new.first_name || ' ' || coalesce(new.patronymic, '')")});
    END`)
    await q.query(`CREATE TRIGGER web_feedback_messages_search AFTER INSERT ON web_feedback_messages
      WHEN new.id > 0 BEGIN
      INSERT INTO message_text (rowid, body) VALUES (new.id, ${folded('new.body')});
    END`)
    // The central copy of a message this console wrote takes the place of the pending one.
    await q.query(`CREATE TRIGGER web_feedback_messages_confirmed AFTER INSERT ON web_feedback_messages
      WHEN new.id > 0 AND new.command_id IS NOT NULL BEGIN
      DELETE FROM web_feedback_messages WHERE command_id = new.command_id AND id < 0;
    END`)
    await q.query(`INSERT INTO question_text (rowid, body)
      SELECT id, ${folded("subject || ' ' || message || ' ' || surname || ' ' || first_name || ' ' || coalesce(patronymic, '')")}
      FROM web_feedback`)
    await q.query(`DROP TABLE feedback`)
  }

  async down(q: QueryRunner): Promise<void> {
    void q
    throw new Error('Not reversible: rebuild the local copy from the central database instead.')
  }
}
