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

/** The account a letter is about, by its number (null when none is, or there is no such account). */
export async function accountIdOf(
  client: pg.ClientBase,
  accountNumber: string | null,
): Promise<number | null> {
  if (!accountNumber) return null
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM accounts WHERE number = $1`, [
    accountNumber,
  ])
  return rows[0] ? Number(rows[0].id) : null
}
