import type { RequestKind } from './request-states'

/**
 * The documents a clerk checks for each kind of request
 * (docs/business-rules.md#closure-and-re-registration-requests), each ticked as present and valid or marked
 * missing with a note; the missing ones are named in the letter to the subscriber.
 */
export const REQUIRED_DOCUMENTS: Record<RequestKind, readonly string[]> = {
  // Passport, the document ending the right to the premises (sale contract, ЕГРН extract or the end
  // of a lease), and a final reading of every active meter.
  closure: ['applicantPassport', 'rightEnded', 'finalReadings'],
  // The new owner's passport and the document of ownership (ЕГРН extract or contract).
  reRegistration: ['newOwnerPassport', 'ownership'],
}

/** Each document as the subscriber's letter and the audit trail name it. */
export const DOCUMENT_NAMES: Record<string, string> = {
  applicantPassport: 'паспорт заявителя',
  rightEnded:
    'документ о прекращении права на помещение (договор купли-продажи, выписка из ЕГРН или документ об окончании аренды)',
  finalReadings: 'конечные показания всех приборов учёта',
  newOwnerPassport: 'паспорт нового владельца',
  ownership: 'документ о праве собственности (выписка из ЕГРН или договор)',
}

export type DocumentCheck = { document: string; verdict: 'valid' | 'missing'; note: string | null }

/** What is still to be asked for, or null when the checklist is complete and every document valid. */
export function missingDocuments(kind: RequestKind, checks: DocumentCheck[]): string[] | null {
  const verdicts = new Map(checks.map((check) => [check.document, check.verdict]))
  const missing = REQUIRED_DOCUMENTS[kind].filter((document) => verdicts.get(document) !== 'valid')
  return missing.length ? missing : null
}
