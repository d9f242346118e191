import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/**
 * The working side of closure and re-registration requests
 * (docs/business-rules.md#closure-and-re-registration-requests). Every step a request takes is a row of
 * `portal_request_steps`: who, when, from which state to which, and why; the arrival is the first step,
 * written by a trigger whoever inserts the request (the website, or the service for one registered at the
 * counter). The due date is derived from the steps by the shared rule
 * (shared/domain/requests/request-due.ts), so it is never stored twice. `channel` says where a request came
 * from; the checklist holds the clerk's verdict on each required document. Neither is the website's to write:
 * its column grants stay as they were.
 */
export class RequestSteps1764100000016 implements MigrationInterface {
  name = 'RequestSteps1764100000016'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_requests ADD COLUMN channel text NOT NULL DEFAULT 'web'`)
    await q.query(`ALTER TABLE portal_requests ADD COLUMN checklist jsonb NOT NULL DEFAULT '[]'`)
    await q.query(`CREATE TABLE portal_request_steps (
      id bigserial PRIMARY KEY,
      request_id bigint NOT NULL REFERENCES portal_requests (id),
      from_state text,
      to_state text NOT NULL,
      staff_login text,
      at timestamptz NOT NULL DEFAULT now(),
      reason text,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE INDEX portal_request_steps_request ON portal_request_steps (request_id, id)`)
    for (const statement of feedTriggers('portal_request_steps')) await q.query(statement)
    // Runs as the schema's owner, as the feed triggers do: the website inserts requests but has no
    // rights on the steps.
    await q.query(`CREATE FUNCTION request_arrived() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO portal_request_steps (request_id, from_state, to_state, at) VALUES (NEW.id, NULL, 'new', NEW.submitted_at);
        RETURN NULL;
      END $$`)
    // Named to fire after `portal_requests_feed` (triggers fire by name): the request reaches the feed
    // before its first step.
    await q.query(`CREATE TRIGGER portal_requests_record_arrival AFTER INSERT ON portal_requests
      FOR EACH ROW EXECUTE FUNCTION request_arrived()`)
    await q.query(`INSERT INTO portal_request_steps (request_id, from_state, to_state, at)
      SELECT id, NULL, 'new', submitted_at FROM portal_requests ORDER BY id`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER portal_requests_record_arrival ON portal_requests`)
    await q.query(`DROP FUNCTION request_arrived`)
    await q.query(`DROP TABLE portal_request_steps`)
    await q.query(`ALTER TABLE portal_requests DROP COLUMN checklist`)
    await q.query(`ALTER TABLE portal_requests DROP COLUMN channel`)
  }
}
