import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The consoles' side of the central database: every command applied (its id makes a retry harmless),
 * the conflicts supervisors resolve, and the outgoing mail the mailer delivers.
 */
export class CommandsAndConflicts1764100000002 implements MigrationInterface {
  name = 'CommandsAndConflicts1764100000002'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE applied_commands (
      command_id uuid PRIMARY KEY,
      console_id uuid NOT NULL,
      command text NOT NULL,
      staff_login text,
      outcome text NOT NULL CHECK (outcome IN ('applied', 'refused', 'conflict')),
      detail jsonb,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    await q.query(`CREATE TABLE sync_conflicts (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('readingValue', 'accountField')),
      entity_key text NOT NULL,
      field text,
      central_value jsonb,
      console_value jsonb,
      command_id uuid NOT NULL REFERENCES applied_commands (command_id),
      console_id uuid NOT NULL,
      raised_by text,
      raised_at timestamptz NOT NULL DEFAULT now(),
      resolved_by text,
      resolved_at timestamptz,
      resolution jsonb,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE INDEX sync_conflicts_open ON sync_conflicts (raised_at) WHERE resolved_at IS NULL`)
    await q.query(`CREATE TABLE outgoing_mail (
      id bigserial PRIMARY KEY,
      command_id uuid UNIQUE,
      to_address text NOT NULL,
      template text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      account_id bigint REFERENCES accounts (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`)
    await q.query(`CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at) WHERE sent_at IS NULL`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outgoing_mail', 'sync_conflicts', 'applied_commands'])
      await q.query(`DROP TABLE ${table}`)
  }
}
