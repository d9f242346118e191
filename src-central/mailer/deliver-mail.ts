import type pg from 'pg'
import type { Transporter } from 'nodemailer'

export interface DeliveryReport {
  sent: number
  failed: number
}

export interface DeliveryOptions {
  /** The sender the utility's mail server accepts, e.g. `ГУП «Водоканал» <noreply@vodokanal-sev.ru>`. */
  from: string
  /** How many letters one call takes at most. */
  batch?: number
}

/** After a failure the next attempt waits 1, 2, 4 … minutes, at most 6 hours. */
const retryDelayMinutes = (attempts: number) => Math.min(360, 2 ** Math.max(0, attempts - 1))

/**
 * Delivers the letters consoles queued in `outgoing_mail` (docs/central-service.md). Each letter
 * is locked (`FOR UPDATE SKIP LOCKED`, so several mailers never take the same one), sent, and marked
 * sent in the same transaction: a letter is marked once, and a failed one is retried later with the
 * error kept. The one window left is a crash between the SMTP server's "accepted" and the commit;
 * the letter is then sent again with the same Message-ID, which lets mail systems drop the copy.
 */
export async function deliverDueMail(
  pool: pg.Pool,
  transport: Transporter,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 }
  for (let i = 0; i < (options.batch ?? 100); i++) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query<{
        id: string
        to_address: string
        subject: string
        body: string
        attempts: number
      }>(
        `SELECT id, to_address, subject, body, attempts FROM outgoing_mail
        WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      )
      const letter = rows[0]
      if (!letter) {
        await client.query('COMMIT')
        return report
      }
      try {
        await transport.sendMail({
          from: options.from,
          to: letter.to_address,
          subject: letter.subject,
          text: letter.body,
          messageId: `<outgoing-${letter.id}@vodokanal-sev.ru>`,
        })
        await client.query(
          `UPDATE outgoing_mail SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
          [letter.id],
        )
        report.sent += 1
      } catch (error) {
        await client.query(
          `UPDATE outgoing_mail SET attempts = attempts + 1, last_error = $2,
          next_attempt_at = now() + make_interval(mins => $3::int) WHERE id = $1`,
          [
            letter.id,
            error instanceof Error ? error.message : String(error),
            retryDelayMinutes(letter.attempts + 1),
          ],
        )
        report.failed += 1
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }
  return report
}
