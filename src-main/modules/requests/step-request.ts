import { toPortalState } from '@shared/domain/requests/portal-states'
import { canMove, stepNeedsReason } from '@shared/domain/requests/request-states'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'
import { requiredDocuments } from '@shared/domain/requests/required-documents'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { requestClaimKey, requestReader } from './request-queue'

export interface RequestStep {
  requestId: number
  to: 'in_review' | 'awaiting_documents' | 'awaiting_visit' | 'approved' | 'rejected'
  reason: string | null
  missing: string[]
}

/**
 * One step of a request of any kind, checked here by the same rules the central
 * service applies (shared/domain/requests), so a person hears at once what the central database would
 * refuse; the central database still decides between consoles (who moved it first, who holds it).
 * The step's own row comes back from the central database with who and when.
 */
export const stepRequest = defineSyncedCommand('requests.step')<RequestStep, Record<string, never>>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const reader = requestReader(db)
    const row = reader.require(input.requestId)
    const from = reader.state(row)
    const holder = claimHolder(db, requestClaimKey(row.id), ctx.staff!.login, new Date(ctx.at))
    if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
    if (!canMove(from, input.to, REQUEST_KIND_RULES[row.kind])) {
      const last = reader.item(row, ctx.staff!.login, new Date(ctx.at)).steps.at(-1)
      throw new AppError('REQUEST_ALREADY_MOVED', { by: last?.by ?? null, at: last?.at ?? null })
    }
    const reason = input.reason?.trim() || null
    if (stepNeedsReason(from, input.to) && !reason) throw new AppError('REASON_REQUIRED')
    const required = requiredDocuments(row.kind)
    if (input.to === 'awaiting_documents' && !input.missing.some((d) => required.includes(d)))
      throw new AppError('MISSING_DOCUMENTS_REQUIRED')
    db.prepare(`UPDATE web_requests SET state = ? WHERE id = ?`).run(toPortalState(input.to), row.id)
    return {
      result: {},
      changes: [
        {
          entity: 'webRequest',
          entityId: row.id,
          before: { state: from },
          after: { state: input.to, reason, missing: input.missing },
        },
      ],
    }
  },
})
