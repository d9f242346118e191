import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

const SUBSCRIBER = `current_setting('vodokanal.account', true)`

/** Answers and the subscriber's replies the website shows; notes never leave the staff's side. */
const WEBSITE_MESSAGE_ROWS = `kind <> 'note' AND feedback_id IN (SELECT f.id FROM portal_feedback f)`
const WEBSITE_REPLY_CHECK = `kind = 'reply' AND feedback_id IN (SELECT f.id FROM portal_feedback f WHERE f.account_number = ${SUBSCRIBER})`

const STARTER_TEMPLATES: [string, string][] = [
  [
    'Начисления',
    `Здравствуйте, {{имя_отчество}}!

По лицевому счёту {{лицевой_счёт}} за {{период}}:
— начислено: {{начислено}}
— оплачено: {{оплачено}}
— задолженность на сегодня: {{задолженность}}

Начисление рассчитано по показаниям ваших приборов учёта, а если показания не передавались, — по среднему потреблению.

С уважением, ГУП «Водоканал»`,
  ],
  [
    'Показания не поступили',
    `Здравствуйте, {{имя_отчество}}!

Показания по лицевому счёту {{лицевой_счёт}} за {{период}} к нам не поступили, поэтому начисление выполнено по среднему потреблению. Передайте показания в личном кабинете или по телефону до 2-го числа, и мы сделаем перерасчёт.

С уважением, ГУП «Водоканал»`,
  ],
  [
    'Уточнение',
    `Здравствуйте, {{имя_отчество}}!

Чтобы ответить на ваше обращение № {{номер_обращения}}, нам нужно уточнение: пришлите, пожалуйста, фото квитанции и показания счётчиков на сегодня.

С уважением, ГУП «Водоканал»`,
  ],
]

/**
 * The questions inbox (docs/business-rules.md#subscribers-questions). A question keeps its conversation in
 * `portal_feedback_messages` — the subscriber's later replies (the website writes those), staff
 * answers (each one also a letter) and internal notes (never shown to the website) — and its steps
 * in `portal_feedback_steps`, from which the due date is derived by the shared rule
 * (shared/domain/questions/question-due.ts), as with requests. The database itself:
 *  - links a question to its account when the number the subscriber gave is an account's;
 *  - records the arrival, and gives the question to the next person on shift when the supervisors
 *    turned the rotation on (least recently given first, under the cap of open questions each);
 *  - wakes a question the subscriber writes to again, so the clock runs from that day.
 * Reply templates and the inbox settings are central, so every console offers the same.
 */
export class QuestionsInbox1764100000019 implements MigrationInterface {
  name = 'QuestionsInbox1764100000019'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_feedback DROP CONSTRAINT portal_feedback_state_check`)
    await q.query(`ALTER TABLE portal_feedback ADD CONSTRAINT portal_feedback_state_check
      CHECK (state IN ('new', 'taken', 'waiting', 'answered', 'closed'))`)
    await q.query(`ALTER TABLE portal_feedback
      ADD COLUMN channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'phone')),
      ADD COLUMN reply_by text NOT NULL DEFAULT 'email' CHECK (reply_by IN ('email', 'phone')),
      ADD COLUMN linked_account text,
      ADD COLUMN assigned_to text REFERENCES staff (login),
      ADD COLUMN logged_by text,
      ADD COLUMN closed_reason text,
      ADD COLUMN duplicate_of bigint REFERENCES portal_feedback (id)`)
    await q.query(
      `CREATE INDEX portal_feedback_open ON portal_feedback (assigned_to) WHERE state IN ('new', 'taken')`,
    )

    await q.query(`CREATE TABLE portal_feedback_messages (
      id bigserial PRIMARY KEY,
      feedback_id bigint NOT NULL REFERENCES portal_feedback (id),
      kind text NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'answer', 'note')),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      staff_login text,
      command_id uuid,
      at timestamptz NOT NULL DEFAULT now(),
      written_in xid8 NOT NULL DEFAULT pg_current_xact_id(),
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(
      `CREATE INDEX portal_feedback_messages_question ON portal_feedback_messages (feedback_id, id)`,
    )
    await q.query(`CREATE TABLE portal_feedback_steps (
      id bigserial PRIMARY KEY,
      feedback_id bigint NOT NULL REFERENCES portal_feedback (id),
      from_state text,
      to_state text NOT NULL,
      staff_login text,
      assignee text,
      at timestamptz NOT NULL DEFAULT now(),
      reason text,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE INDEX portal_feedback_steps_question ON portal_feedback_steps (feedback_id, id)`)
    await q.query(`CREATE TABLE reply_templates (
      id bigserial PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
      active boolean NOT NULL DEFAULT true,
      updated_by text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE UNIQUE INDEX reply_templates_name ON reply_templates (lower(name)) WHERE active`)
    await q.query(`CREATE TABLE inbox_settings (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      due_days integer NOT NULL DEFAULT 30 CHECK (due_days BETWEEN 1 AND 90),
      round_robin boolean NOT NULL DEFAULT false,
      open_cap integer NOT NULL DEFAULT 25 CHECK (open_cap BETWEEN 1 AND 500),
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE TABLE question_rotation (
      login text PRIMARY KEY REFERENCES staff (login),
      last_given_at timestamptz NOT NULL
    )`)
    for (const table of [
      'portal_feedback_messages',
      'portal_feedback_steps',
      'reply_templates',
      'inbox_settings',
    ])
      for (const statement of feedTriggers(table)) await q.query(statement)
    await q.query(`INSERT INTO inbox_settings DEFAULT VALUES`)
    for (const [name, body] of STARTER_TEMPLATES)
      await q.query(`INSERT INTO reply_templates (name, body, updated_by) VALUES ($1, $2, NULL)`, [
        name,
        body,
      ])

    // Before the row is written: the link and how to answer (a website question without an email is
    // answered by phone). Runs as the schema's owner: the website cannot read other accounts.
    await q.query(`CREATE FUNCTION question_link() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        NEW.linked_account := (SELECT a.number FROM accounts a WHERE a.number = NEW.account_number);
        IF NEW.reply_by = 'email' AND NEW.email IS NULL THEN
          NEW.reply_by := 'phone';
        END IF;
        RETURN NEW;
      END $$`)
    await q.query(`CREATE TRIGGER portal_feedback_link BEFORE INSERT ON portal_feedback
      FOR EACH ROW EXECUTE FUNCTION question_link()`)

    await q.query(`CREATE FUNCTION question_arrived() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        settings inbox_settings;
        chosen text;
      BEGIN
        INSERT INTO portal_feedback_steps (feedback_id, from_state, to_state, staff_login, assignee, at)
        VALUES (NEW.id, NULL, NEW.state, NEW.logged_by, NEW.assigned_to, NEW.submitted_at);
        IF NEW.assigned_to IS NOT NULL THEN
          RETURN NULL;
        END IF;
        SELECT * INTO settings FROM inbox_settings WHERE id = 1;
        IF NOT settings.round_robin THEN
          RETURN NULL;
        END IF;
        -- One assignment at a time, so two questions arriving together go to two people.
        PERFORM pg_advisory_xact_lock(hashtext('question_rotation'));
        SELECT s.login INTO chosen FROM staff s LEFT JOIN question_rotation r ON r.login = s.login
        WHERE s.active AND s.role IN ('operator', 'clerk')
          AND EXISTS (SELECT 1 FROM staff_tokens t WHERE t.login = s.login AND t.expires_at > now())
          AND (SELECT count(*) FROM portal_feedback f WHERE f.assigned_to = s.login AND f.state IN ('new', 'taken'))
            < settings.open_cap
        ORDER BY r.last_given_at NULLS FIRST, s.login
        LIMIT 1;
        IF chosen IS NULL THEN
          RETURN NULL;
        END IF;
        UPDATE portal_feedback SET assigned_to = chosen, state = 'taken' WHERE id = NEW.id;
        INSERT INTO portal_feedback_steps (feedback_id, from_state, to_state, assignee, reason)
        VALUES (NEW.id, 'new', 'taken', chosen, 'rotation');
        INSERT INTO question_rotation (login, last_given_at) VALUES (chosen, clock_timestamp())
        ON CONFLICT (login) DO UPDATE SET last_given_at = excluded.last_given_at;
        RETURN NULL;
      END $$`)
    // Named to fire after 'portal_feedback_feed': the question reaches the feed before its first step.
    await q.query(`CREATE TRIGGER portal_feedback_record_arrival AFTER INSERT ON portal_feedback
      FOR EACH ROW EXECUTE FUNCTION question_arrived()`)
    await q.query(`INSERT INTO portal_feedback_steps (feedback_id, from_state, to_state, at)
      SELECT id, NULL, 'new', submitted_at FROM portal_feedback ORDER BY id`)
    await q.query(
      `UPDATE portal_feedback f SET linked_account = a.number FROM accounts a WHERE a.number = f.account_number`,
    )

    await q.query(`CREATE FUNCTION question_reply_arrived() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        was text;
        now_state text;
      BEGIN
        SELECT state INTO was FROM portal_feedback WHERE id = NEW.feedback_id FOR UPDATE;
        IF was NOT IN ('waiting', 'answered', 'closed') THEN
          RETURN NULL;
        END IF;
        UPDATE portal_feedback SET state = CASE WHEN assigned_to IS NULL THEN 'new' ELSE 'taken' END
        WHERE id = NEW.feedback_id RETURNING state INTO now_state;
        INSERT INTO portal_feedback_steps (feedback_id, from_state, to_state, at, reason)
        VALUES (NEW.feedback_id, was, now_state, NEW.at, 'reply');
        RETURN NULL;
      END $$`)
    await q.query(`CREATE TRIGGER portal_feedback_messages_wake AFTER INSERT ON portal_feedback_messages
      FOR EACH ROW WHEN (NEW.kind = 'reply') EXECUTE FUNCTION question_reply_arrived()`)

    // The website (contract 2.4): reads the conversation without notes, writes the subscriber's replies.
    await q.query(`GRANT INSERT (feedback_id, body) ON portal_feedback_messages TO vodokanal_website`)
    await q.query(`GRANT USAGE ON SEQUENCE portal_feedback_messages_id_seq TO vodokanal_website`)
    await q.query(
      `GRANT SELECT (id, feedback_id, kind, body, at) ON portal_feedback_messages TO vodokanal_website`,
    )
    await q.query(`ALTER TABLE portal_feedback_messages ENABLE ROW LEVEL SECURITY`)
    await q.query(`CREATE POLICY website_reads ON portal_feedback_messages FOR SELECT TO vodokanal_website
      USING (${WEBSITE_MESSAGE_ROWS})`)
    await q.query(`CREATE POLICY website_writes ON portal_feedback_messages FOR INSERT TO vodokanal_website
      WITH CHECK (${WEBSITE_REPLY_CHECK})`)
    await q.query(
      `CREATE POLICY service_all ON portal_feedback_messages TO vodokanal_central USING (true) WITH CHECK (true)`,
    )
    await q.query(`GRANT SELECT (channel, reply_by) ON portal_feedback TO vodokanal_website`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER portal_feedback_messages_wake ON portal_feedback_messages`)
    await q.query(`DROP FUNCTION question_reply_arrived`)
    await q.query(`DROP TRIGGER portal_feedback_record_arrival ON portal_feedback`)
    await q.query(`DROP FUNCTION question_arrived`)
    await q.query(`DROP TRIGGER portal_feedback_link ON portal_feedback`)
    await q.query(`DROP FUNCTION question_link`)
    for (const table of [
      'question_rotation',
      'inbox_settings',
      'reply_templates',
      'portal_feedback_steps',
      'portal_feedback_messages',
    ])
      await q.query(`DROP TABLE ${table}`)
    await q.query(`ALTER TABLE portal_feedback DROP COLUMN channel, DROP COLUMN reply_by, DROP COLUMN linked_account,
      DROP COLUMN assigned_to, DROP COLUMN logged_by, DROP COLUMN closed_reason, DROP COLUMN duplicate_of`)
    await q.query(`ALTER TABLE portal_feedback DROP CONSTRAINT portal_feedback_state_check`)
    await q.query(`ALTER TABLE portal_feedback ADD CONSTRAINT portal_feedback_state_check
      CHECK (state IN ('new', 'taken', 'answered', 'closed'))`)
  }
}
