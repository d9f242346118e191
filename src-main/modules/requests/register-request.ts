import type { ParsedInput } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import {
  capitaliseName,
  completionDateProblem,
  personNameProblem,
} from '@shared/domain/requests/completion-rules'
import { SCAN_ERROR_CODES, scanProblem } from '@shared/domain/requests/scan-files'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { REQUEST_KIND_RULES } from '@shared/domain/requests/kinds'
import { readDetails } from '@shared/domain/requests/kinds/request-kind'

type Registration = ParsedInput<'requests.register'>
type Name = Registration['applicant']

export const tidyName = (name: Name) => ({
  surname: capitaliseName(name.surname),
  firstName: capitaliseName(name.firstName),
  patronymic: name.patronymic?.trim() ? capitaliseName(name.patronymic) : null,
})

/** Decoded lengths and first bytes, without decoding a whole 20 MiB scan twice. */
function scanFacts(document: { fileName: string; content: string }) {
  const padding = document.content.endsWith('==') ? 2 : document.content.endsWith('=') ? 1 : 0
  return {
    fileName: document.fileName,
    sizeBytes: Math.floor((document.content.length * 3) / 4) - padding,
    head: new Uint8Array(Buffer.from(document.content.slice(0, 12), 'base64')),
  }
}

/**
 * A paper application taken at the counter (docs/business-rules.md#closure-and-re-registration-requests):
 * checked here as the central service will (names, the new owner's date, the scans' types and sizes), then
 * queued with its scans. The request appears in the queue when the central database has it, with its number;
 * offline, the outbox keeps it, scans and all, until the service answers.
 */
export const registerRequest = defineSyncedCommand('requests.register')<
  Registration & { accountId?: number },
  Record<string, never>
>({
  outboxPayload: (input) => ({
    kind: input.kind,
    accountNumber: input.accountNumber,
    applicant: tidyName(input.applicant),
    email: input.email.toLowerCase() || null,
    phone: input.phone || null,
    newOwner: REQUEST_KIND_RULES[input.kind].newOwner && input.newOwner ? tidyName(input.newOwner) : null,
    effectiveOn: REQUEST_KIND_RULES[input.kind].newOwner ? input.effectiveOn : null,
    comment: input.comment || null,
    details: REQUEST_KIND_RULES[input.kind].details ? input.details : null,
    documents: input.documents,
  }),
  apply(db, input, ctx) {
    const applicantProblem = personNameProblem(input.applicant)
    if (applicantProblem) throw new AppError('APPLICANT_NAME', { problem: applicantProblem })
    if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
      throw new AppError('INVALID_INPUT', { fields: 'email' })
    if (input.phone && !/^\+?[\d\s()-]{10,20}$/.test(input.phone))
      throw new AppError('INVALID_INPUT', { fields: 'phone' })
    if (REQUEST_KIND_RULES[input.kind].newOwner) {
      if (!input.newOwner || !input.effectiveOn) throw new AppError('NEW_OWNER_REQUIRED')
      const ownerProblem = personNameProblem(input.newOwner)
      if (ownerProblem) throw new AppError('NEW_OWNER_NAME', { problem: ownerProblem })
      const dateProblem = completionDateProblem(input.effectiveOn, moscowDate(new Date(ctx.at)))
      if (dateProblem) throw new AppError('COMPLETION_DATE', { problem: dateProblem })
    }
    const kindFields = REQUEST_KIND_RULES[input.kind].details
    if (kindFields) {
      const read = readDetails(input.kind, kindFields, input.details)
      if ('refusal' in read) throw new AppError(read.refusal.code, { fields: read.refusal.fields })
    }
    const account = db
      .prepare(`SELECT id FROM accounts WHERE number = ?`)
      .pluck()
      .get(input.accountNumber) as number | undefined
    if (account === undefined) throw new AppError('UNKNOWN_ACCOUNT', { number: input.accountNumber })
    const scans = input.documents.map(scanFacts)
    const problem = scanProblem(scans)
    if (problem) throw new AppError(SCAN_ERROR_CODES[problem.problem], { file: problem.fileName })
    return {
      result: {},
      changes: [
        {
          entity: 'account',
          entityId: account,
          before: null,
          after: {
            request: input.kind,
            applicant: tidyName(input.applicant),
            documents: scans.map((scan) => ({ fileName: scan.fileName, sizeBytes: scan.sizeBytes })),
          },
        },
      ],
    }
  },
})
