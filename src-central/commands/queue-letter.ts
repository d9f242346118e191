import type pg from 'pg'
import type { Letter } from './mail-templates'
import type { CentralCommandContext } from './outcome'

/** Queues a letter for the mailer; one letter per command, so a command delivered twice never mails twice. */
export async function queueLetter(
  client: pg.ClientBase,
  ctx: CentralCommandContext,
  to: string,
  accountId: number | null,
  letter: Letter,
): Promise<void> {
  await client.query(
    `INSERT INTO outgoing_mail (command_id, to_address, template, subject, body, account_id)
    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (command_id) DO NOTHING`,
    [ctx.commandId, to, letter.template, letter.subject, letter.body, accountId],
  )
}
