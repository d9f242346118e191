import type BetterSqlite3 from 'better-sqlite3'
import type { ParsedInput } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import type { CompletionEffect } from '@shared/domain/requests/kinds'
import { decideCompletion } from '@shared/domain/requests/request-completion'
import { defineSyncedCommand, type AuditChange } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { tidyName } from './register-request'
import { CONSOLE_KINDS } from './kinds'
import type { ConsoleKind } from './kinds/console-kind'
import { requestDetailReader } from './request-detail'
import { requestClaimKey, requestReader } from './request-queue'

type Completion = ParsedInput<'requests.complete'>

/** The account's active meters, each with when its latest reading was received (the decision's facts). */
const activeMeters = (db: BetterSqlite3.Database, accountId: number) =>
  db
    .prepare<[number], { serial: string; lastReceivedAt: string | null }>(
      `SELECT m.serial, (SELECT max(r.received_at) FROM readings r WHERE r.meter_id = m.id) AS lastReceivedAt
      FROM meters m WHERE m.account_id = ? AND m.status = 'active' ORDER BY m.serial`,
    )
    .all(accountId)

/**
 * Completes an approved request in one command (docs/business-rules.md#closure-and-re-registration-requests),
 * checked here by the rules the central service applies (`decideCompletion`: the core's checks, then the
 * kind's); the kind writes what its completion does (src-main/modules/requests/kinds/). The console's copy
 * shows the result at once; the central answer brings the rows as the central database has them.
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
    details: input.details,
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
        // Every active meter, as the service loads them: the kind says which need a final reading.
        meters: detail.accountId === null ? [] : activeMeters(db, detail.accountId),
      },
      { on: input.on, newOwner: input.newOwner, details: input.details },
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
    const kind = detail.kind
    const changes: AuditChange[] = [
      {
        entity: 'webRequest',
        entityId: row.id,
        before: { state: from },
        after: { state: 'completed', on: input.on },
      },
      // The kind writes its effect (src-main/modules/requests/kinds/); the decision said which.
      ...(CONSOLE_KINDS[kind] as ConsoleKind<typeof kind>).complete(
        {
          db,
          requestId: row.id,
          accountId: detail.accountId!,
          on: input.on,
          today: moscowDate(now),
          finalReadingMeters: detail.finalReadings,
        },
        decision as CompletionEffect<typeof kind>,
      ),
    ]

    db.prepare(`UPDATE web_requests SET state = 'completed', completed_on = ? WHERE id = ?`).run(
      input.on,
      row.id,
    )
    return { result: {}, changes }
  },
})
