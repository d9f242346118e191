import type pg from 'pg'
import type { CentralPayload } from '@shared/central/commands'
import { APPLIED, refused, type CentralCommandContext, type CentralHandlers } from './outcome'

/**
 * Notes on an account (docs/business-rules.md#contacts-and-notes): written with their author and the
 * moment the person wrote them (not when a console came back online), taken down once.
 */
async function addNote(
  client: pg.ClientBase,
  payload: CentralPayload<'accounts.addNote'>,
  ctx: CentralCommandContext,
) {
  const { rowCount } = await client.query(
    `INSERT INTO account_notes (account_id, body, written_by, written_at)
    SELECT id, $2, $3, $4 FROM accounts WHERE id = $1`,
    [payload.accountId, payload.body, ctx.staffLogin, ctx.madeAt],
  )
  return rowCount ? APPLIED : refused('NOT_FOUND', { what: 'account' })
}

async function unpinNote(
  client: pg.ClientBase,
  payload: CentralPayload<'accounts.unpinNote'>,
  ctx: CentralCommandContext,
) {
  const { rowCount } = await client.query(
    `UPDATE account_notes SET pinned = false, unpinned_by = $2, unpinned_at = $3 WHERE id = $1 AND pinned`,
    [payload.noteId, ctx.staffLogin, ctx.madeAt],
  )
  // Taken down already (by another console): the same result, nothing to change.
  if (!rowCount) {
    const exists = await client.query(`SELECT 1 FROM account_notes WHERE id = $1`, [payload.noteId])
    if (!exists.rowCount) return refused('NOT_FOUND', { what: 'note' })
  }
  return APPLIED
}

export const accountNotesCommands: CentralHandlers<'accounts.addNote' | 'accounts.unpinNote'> = {
  'accounts.addNote': addNote,
  'accounts.unpinNote': unpinNote,
}
