import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Two doors the website could open too wide (docs/portal-contract.md, version 2.5):
 *
 * - A password reset answers a stranger the same for a wrong surname and for an account with no
 *   active cabinet (`notConfirmed`; the precise reason stays in `refusal_reason`, which the website
 *   cannot read), and an account has one live link at a time: a repeat within the hour is answered
 *   `alreadySent` and sends nothing.
 * - A file goes only into the named subscriber's own request, or one the website inserted in the same
 *   transaction: before, the insert policy let a file (and the wake-up to review it brings) into anyone's.
 */
export class WebsiteResetsAndAttachments1764100000026 implements MigrationInterface {
  name = 'WebsiteResetsAndAttachments1764100000026'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE portal_password_resets ADD COLUMN refusal_reason text`)
    await q.query(`ALTER TABLE portal_password_resets DROP CONSTRAINT portal_password_resets_refusal_check`)
    await q.query(`UPDATE portal_password_resets SET refusal_reason = refusal,
      refusal = CASE WHEN refusal = 'unknownAccount' THEN refusal ELSE 'notConfirmed' END
      WHERE refusal IS NOT NULL`)
    await q.query(`ALTER TABLE portal_password_resets ADD CONSTRAINT portal_password_resets_refusal_check
      CHECK (refusal IN ('unknownAccount', 'notConfirmed', 'alreadySent'))`)
    await q.query(`ALTER TABLE portal_password_resets ADD CONSTRAINT portal_password_resets_refusal_reason_check
      CHECK (refusal_reason IN ('unknownAccount', 'surnameMismatch', 'noActiveCabinet', 'alreadySent'))`)
    await q.query(`CREATE INDEX portal_password_resets_live ON portal_password_resets (account_number)
      WHERE state = 'sent'`)
    // The requests the website can see are exactly the named subscriber's and its own of this
    // transaction (their read policy): a file may go into those only.
    await q.query(`ALTER POLICY website_writes ON portal_request_attachments WITH CHECK (
      request_id IN (SELECT r.id FROM public.portal_requests r))`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER POLICY website_writes ON portal_request_attachments WITH CHECK (true)`)
    await q.query(`DROP INDEX portal_password_resets_live`)
    await q.query(
      `ALTER TABLE portal_password_resets DROP CONSTRAINT portal_password_resets_refusal_reason_check`,
    )
    await q.query(`ALTER TABLE portal_password_resets DROP CONSTRAINT portal_password_resets_refusal_check`)
    await q.query(`UPDATE portal_password_resets SET refusal = coalesce(refusal_reason, refusal)`)
    await q.query(
      `UPDATE portal_password_resets SET refusal = 'noActiveCabinet' WHERE refusal = 'alreadySent'`,
    )
    await q.query(`ALTER TABLE portal_password_resets ADD CONSTRAINT portal_password_resets_refusal_check
      CHECK (refusal IN ('unknownAccount', 'surnameMismatch', 'noActiveCabinet'))`)
    await q.query(`ALTER TABLE portal_password_resets DROP COLUMN refusal_reason`)
  }
}
