import type { z } from 'zod'
import {
  EDITABLE_ACCOUNT_FIELDS as EDITABLE,
  type contactsEditSchema,
  type EditableAccountField as Editable,
} from '@shared/contract'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'

type ContactsEdit = z.output<typeof contactsEditSchema>
type FieldChanges = Partial<Record<Editable, { from: string | null; to: string | null }>>

/**
 * A clerk's edit of contacts and address. Only changed fields are recorded and queued, each with
 * its old value, so the central database can merge edits of different fields and flag edits of
 * the same one (docs/central-service.md).
 */
export const updateAccountContacts = defineSyncedCommand('accounts.updateContacts')<
  ContactsEdit,
  { changes: FieldChanges }
>({
  outboxPayload: (input, result) => ({
    accountId: input.accountId,
    baseVersion: input.expectedVersion,
    changes: result.changes,
  }),
  apply(db, input, ctx) {
    const current = db
      .prepare(`SELECT version, status, ${EDITABLE.join(', ')} FROM accounts WHERE id = ?`)
      .get(input.accountId) as
      (Record<Editable, string | null> & { version: number; status: string }) | undefined
    if (!current) throw new AppError('NOT_FOUND', { what: 'account' })
    if (current.version !== input.expectedVersion)
      throw new AppError('STALE_VERSION', { version: current.version })
    if (current.status === 'closed') throw new AppError('ACCOUNT_CLOSED')

    const changes: FieldChanges = {}
    for (const field of EDITABLE) {
      const next = input[field] === '' ? null : input[field]
      if (next !== current[field]) changes[field] = { from: current[field], to: next }
    }
    const fields = Object.keys(changes) as Editable[]
    if (fields.length === 0) return { result: { changes }, changes: [] }
    db.prepare(
      `UPDATE accounts SET ${fields.map((f) => `${f} = @${f}`).join(', ')}, version = version + 1, updated_at = @at WHERE id = @id`,
    ).run({ ...Object.fromEntries(fields.map((f) => [f, changes[f]!.to])), at: ctx.at, id: input.accountId })
    return {
      result: { changes },
      changes: [
        {
          entity: 'account',
          entityId: input.accountId,
          before: Object.fromEntries(fields.map((f) => [f, changes[f]!.from])),
          after: Object.fromEntries(fields.map((f) => [f, changes[f]!.to])),
        },
      ],
    }
  },
})

/**
 * An operator on the phone sends the subscriber a password-reset link (docs/business-rules.md#accounts). The
 * outbox entry is the outgoing letter's request; the central database's mailer sends it.
 */
export const sendPasswordResetLink = defineSyncedCommand('accounts.sendPasswordReset')<
  { accountId: number },
  { email: string }
>({
  outboxPayload: (input, result) => ({
    accountId: input.accountId,
    email: result.email,
    template: 'passwordReset',
  }),
  apply(db, input) {
    const cabinet = db
      .prepare(`SELECT state, email FROM cabinets WHERE account_id = ?`)
      .get(input.accountId) as { state: string; email: string } | undefined
    if (!cabinet || cabinet.state !== 'active') throw new AppError('NO_ACTIVE_CABINET')
    return {
      result: { email: cabinet.email },
      changes: [
        {
          entity: 'account',
          entityId: input.accountId,
          before: null,
          after: { passwordResetSentTo: cabinet.email },
        },
      ],
    }
  },
})
