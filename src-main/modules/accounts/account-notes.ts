import type { ConsoleRow } from '@shared/central/table-catalogue'
import type { ParsedInput } from '@shared/contract'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'

/**
 * A note pinned on an account (docs/business-rules.md#contacts-and-notes): checked here (the account
 * exists), then queued; it appears on every console's card, with its author and time, when the central
 * database has it (at once online).
 */
export const addAccountNote = defineSyncedCommand('accounts.addNote')<
  ParsedInput<'accounts.addNote'>,
  Record<string, never>
>({
  outboxPayload: (input) => ({ accountId: input.accountId, body: input.body.trim() }),
  apply(db, input) {
    if (!db.prepare(`SELECT 1 FROM accounts WHERE id = ?`).get(input.accountId))
      throw new AppError('NOT_FOUND', { what: 'account' })
    return {
      result: {},
      changes: [
        { entity: 'account', entityId: input.accountId, before: null, after: { note: input.body.trim() } },
      ],
    }
  },
})

/** Takes a note down at once on this console; the central database records who and when. */
export const unpinAccountNote = defineSyncedCommand('accounts.unpinNote')<
  ParsedInput<'accounts.unpinNote'>,
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const note = db
      .prepare<[number], Pick<ConsoleRow<'account_notes'>, 'body' | 'pinned'>>(
        `SELECT body, pinned FROM account_notes WHERE id = ?`,
      )
      .get(input.noteId)
    if (!note) throw new AppError('NOT_FOUND', { what: 'note' })
    db.prepare(`UPDATE account_notes SET pinned = 0, unpinned_by = ?, unpinned_at = ? WHERE id = ?`).run(
      ctx.staff!.login,
      ctx.at,
      input.noteId,
    )
    return {
      result: {},
      changes: [
        {
          entity: 'accountNote',
          entityId: input.noteId,
          before: { pinned: Boolean(note.pinned), body: note.body },
          after: { pinned: false },
        },
      ],
    }
  },
})
