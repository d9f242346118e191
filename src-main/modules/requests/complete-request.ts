import type { ParsedInput } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import { ownerChangesNow } from '@shared/domain/requests/completion-rules'
import { decideCompletion } from '@shared/domain/requests/request-completion'
import { defineSyncedCommand, type AuditChange } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { tidyName } from './register-request'
import { requestDetailReader } from './request-detail'
import { requestClaimKey, requestReader } from './request-queue'

type Completion = ParsedInput<'requests.complete'>

/**
 * Completes an approved request in one command (docs/business-rules.md#closure-and-re-registration-requests),
 * checked here by the rules the central service applies: a closure needs every active meter's final reading
 * and closes the account, removes its meters and revokes its cabinet from the date; a re-registration records
 * the new owner (names checked, the date within the rule) and revokes the previous owner's cabinet; the
 * account keeps its number. The console's copy shows the result at once; the central answer brings the rows
 * as the central database has them.
 */
export const completeRequest = defineSyncedCommand('requests.complete')<Completion, Record<string, never>>({
  outboxPayload: (input) => ({
    requestId: input.requestId,
    on: input.on,
    newOwner: input.newOwner
      ? {
          ...tidyName(input.newOwner),
          phone: input.newOwner.phone || null,
          email: input.newOwner.email.toLowerCase() || null,
        }
      : null,
  }),
  apply(db, input, ctx) {
    const now = new Date(ctx.at)
    const reader = requestReader(db)
    const row = reader.require(input.requestId)
    const holder = claimHolder(db, requestClaimKey(row.id), ctx.staff!.login, now)
    if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
    const from = reader.state(row)
    const detail = requestDetailReader(db).detail(row.id, ctx.staff!.login, now)
    const account =
      detail.accountId === null
        ? null
        : db
            .prepare<[number], { status: 'active' | 'closed' }>(`SELECT status FROM accounts WHERE id = ?`)
            .get(detail.accountId)
    const decision = decideCompletion(
      {
        kind: detail.kind,
        state: from,
        submittedAt: row.submittedAt,
        account: account ?? null,
        meters: detail.finalReadings.map((meter) => ({
          serial: meter.serial,
          lastReceivedAt: meter.receivedAt,
        })),
      },
      { on: input.on, newOwner: input.newOwner },
      moscowDate(now),
    )
    if ('refusal' in decision) {
      const refusal = decision.refusal
      switch (refusal.code) {
        case 'REQUEST_ALREADY_MOVED': {
          const last = reader.item(row, ctx.staff!.login, now).steps.at(-1)
          throw new AppError('REQUEST_ALREADY_MOVED', { by: last?.by ?? null, at: last?.at ?? null })
        }
        case 'UNKNOWN_ACCOUNT':
        case 'ACCOUNT_ALREADY_CLOSED':
          throw new AppError(refusal.code, { number: row.accountNumber })
        default: {
          const { code, ...params } = refusal
          throw new AppError(code, params)
        }
      }
    }
    const accountId = detail.accountId!
    const changes: AuditChange[] = [
      {
        entity: 'webRequest',
        entityId: row.id,
        before: { state: from },
        after: { state: 'completed', on: input.on },
      },
    ]
    const revokeCabinet = () => {
      db.prepare(`UPDATE cabinets SET state = 'revoked' WHERE account_id = ? AND state <> 'revoked'`).run(
        accountId,
      )
      changes.push({ entity: 'cabinet', entityId: accountId, before: null, after: { state: 'revoked' } })
    }

    if (decision.effect === 'close') {
      db.prepare(`UPDATE accounts SET status = 'closed', closed_on = ? WHERE id = ?`).run(input.on, accountId)
      revokeCabinet()
      db.prepare(
        `UPDATE meters SET status = 'removed', removed_on = ? WHERE account_id = ? AND status = 'active'`,
      ).run(input.on, accountId)
      changes.push({
        entity: 'account',
        entityId: accountId,
        before: { status: 'active' },
        after: { status: 'closed', closedOn: input.on },
      })
      for (const meter of detail.finalReadings)
        changes.push({
          entity: 'meter',
          entityId: meter.meterId,
          before: { status: 'active' },
          after: { status: 'removed' },
        })
    } else {
      const owner = tidyName(decision.owner)
      const contacts = {
        phone: decision.owner.phone || null,
        email: decision.owner.email.toLowerCase() || null,
      }
      const before = db
        .prepare(
          `SELECT surname, first_name AS firstName, patronymic, phone, email FROM accounts WHERE id = ?`,
        )
        .get(accountId)
      // The account changes hands on the date: a later one is the central service's daily switch, which
      // the feed then brings here; until then the account keeps its owner and their cabinet.
      if (ownerChangesNow(input.on, moscowDate(now))) {
        db.prepare(
          `UPDATE accounts SET surname = ?, first_name = ?, patronymic = ?, phone = ?, email = ? WHERE id = ?`,
        ).run(owner.surname, owner.firstName, owner.patronymic, contacts.phone, contacts.email, accountId)
        revokeCabinet()
      }
      // The whole owner as they become from the date, contacts included: the audit states the change.
      changes.push({
        entity: 'account',
        entityId: accountId,
        before,
        after: { ...owner, ...contacts, from: input.on },
      })
    }

    db.prepare(`UPDATE web_requests SET state = 'completed', completed_on = ? WHERE id = ?`).run(
      input.on,
      row.id,
    )
    return { result: {}, changes }
  },
})
