import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * Notes on an account (docs/business-rules.md#contacts-and-notes): what one operator wants the next one
 * to know before answering ("звонит за мать, доверенность в деле"), pinned on the card with who wrote it
 * and when, until someone takes it down. Staff only: the website has no grant on it.
 */
export class AccountNotes1764100000035 implements MigrationInterface {
  name = 'AccountNotes1764100000035'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account_notes (
      id bigserial PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
      written_by text NOT NULL,
      written_at timestamptz NOT NULL DEFAULT now(),
      pinned boolean NOT NULL DEFAULT true,
      unpinned_by text,
      unpinned_at timestamptz,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE INDEX account_notes_account ON account_notes (account_id, id)`)
    for (const statement of feedTriggers('account_notes')) await q.query(statement)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_notes`)
  }
}
