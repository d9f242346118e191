import { isFinal } from '@shared/domain/requests/request-states'
import { requiredDocuments, type DocumentCheck } from '@shared/domain/requests/required-documents'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { requestClaimKey, requestReader } from './request-queue'

export interface DocumentChecks {
  requestId: number
  checks: DocumentCheck[]
}

/**
 * The clerk's verdict on each required document of a request
 * (docs/business-rules.md#closure-and-re-registration-requests): present and valid, or missing with a note.
 * The whole list each time; the last word stands.
 */
export const checkDocuments = defineSyncedCommand('requests.checklist')<
  DocumentChecks,
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(db, input, ctx) {
    const reader = requestReader(db)
    const row = reader.require(input.requestId)
    const holder = claimHolder(db, requestClaimKey(row.id), ctx.staff!.login, new Date(ctx.at))
    if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
    if (isFinal(reader.state(row))) throw new AppError('REQUEST_ALREADY_MOVED', { by: null, at: null })
    const known = requiredDocuments(row.kind)
    const checks = input.checks.filter((check) => known.includes(check.document))
    const before = db.prepare(`SELECT checklist FROM web_requests WHERE id = ?`).pluck().get(row.id) as string
    db.prepare(`UPDATE web_requests SET checklist = ? WHERE id = ?`).run(JSON.stringify(checks), row.id)
    return {
      result: {},
      changes: [
        {
          entity: 'webRequest',
          entityId: row.id,
          before: { checklist: JSON.parse(before) },
          after: { checklist: checks },
        },
      ],
    }
  },
})
